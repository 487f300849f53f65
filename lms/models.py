"""Imports every area's tables so that Base.metadata is complete (for Alembic and tests)."""
from lms.accounts.models import User  # noqa: F401
from lms.mail.models import OutboxMessage  # noqa: F401
from lms.content.models import Course, Enrollment, Module, ModuleProgress  # noqa: F401
from lms.assessment.models import Attempt, Question, QuestionVersion, QuizSpec, ResponseStep, Slot  # noqa: F401
from lms.credits.models import Certificate, LedgerEntry, License, ProofFile, ReminderSent  # noqa: F401
from lms.schools.models import Assignment, AuditEvent, Cohort, CohortMember, Invitation, SchoolSettings  # noqa: F401
from lms.readiness.models import ReviewCard  # noqa: F401
