"""Schools: administration (users, invitations, rosters, branding, audit log), cohorts, assignments,
gradebooks and item analysis."""
