"""The CE categories and delivery types a ledger entry can carry (the words requirement profiles use)."""
CATEGORIES = [
    ("ethics", "Ethics"), ("laws-and-rules", "Laws and rules"), ("pathology", "Pathology"),
    ("science", "Science (anatomy, physiology, kinesiology)"), ("hands-on", "Hands-on technique"),
    ("business", "Business"), ("self-care", "Self-care"), ("cpr-first-aid", "CPR / first aid"),
    ("medical-errors", "Prevention of medical errors"), ("human-trafficking", "Human trafficking awareness"),
    ("domestic-violence-awareness", "Domestic violence and sexual assault awareness"),
    ("health-equity", "Health equity"), ("communicable-disease", "Communicable disease"),
    ("cultural-competency", "Cultural competency / diversity"),
]
DELIVERIES = [("home-study", "Home study"), ("live", "Live (in person)"), ("webinar", "Live webinar")]
