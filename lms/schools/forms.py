"""School administration and teaching forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateTimeLocalField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from lms.accounts.models import Role
from lms.web.form_choices import select_choices

ROLES = select_choices((r.value, r.value.capitalize()) for r in Role)


class CohortForm(FlaskForm):
    name = StringField("Cohort name", validators=[DataRequired("Name the cohort."), Length(max=200)],
                       description='For example "Evening class, spring intake".')


class MemberForm(FlaskForm):
    email = EmailField("Learner's email address", validators=[DataRequired("Enter an email address."),
                                                              Email("Enter an email address."), Length(max=254)])


class AssignmentForm(FlaskForm):
    kind = SelectField("What to assign", choices=select_choices([
        ("course", "A course"), ("practice", "A practice set"), ("mock", "The MBLEx mock exam"),
        ("post-test", "A course post-test")]))
    course = SelectField("Course (for a course or a post-test)", choices=[], validators=[Optional()])
    domains = SelectMultipleField("Content areas (for a practice set)", choices=[], validators=[Optional()])
    items = IntegerField("Questions (for a practice set)", default=10,
                         validators=[Optional(), NumberRange(1, 100, "Between 1 and 100.")])
    title = StringField("Title shown to learners", validators=[DataRequired("Give the assignment a title."),
                                                               Length(max=300)])
    time_limit = IntegerField("Time limit in minutes (practice set; 0 = untimed)", default=0,
                              validators=[Optional(), NumberRange(0, 300, "Between 0 and 300.")])
    attempts = IntegerField("Attempts allowed (practice set; 0 = unlimited)", default=0,
                            validators=[Optional(), NumberRange(0, 20, "Between 0 and 20.")])
    feedback = SelectField("Feedback (practice set)", choices=select_choices([("immediate", "After each answer"),
                                                                             ("deferred", "After submitting")]))
    grading = SelectField("Which attempt counts",
                          choices=select_choices([("best", "Best attempt"), ("latest", "Latest attempt")]))
    opens_at = DateTimeLocalField("Opens", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    due_at = DateTimeLocalField("Due", format="%Y-%m-%dT%H:%M", validators=[Optional()])


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLES)


class InvitationForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter an email address."),
                                                    Email("Enter an email address."), Length(max=254)])
    role = SelectField("Role", choices=ROLES)
    cohort = SelectField("Add to cohort", choices=[], validators=[Optional()])


class RosterForm(FlaskForm):
    file = FileField("Roster (CSV)", validators=[FileRequired("Choose a CSV file.")],
                     description="Columns: email, full_name, and optionally role and cohort.")


class BrandingForm(FlaskForm):
    name = StringField("School name", validators=[Optional(), Length(max=200)])
    primary_color = StringField("Header colour", validators=[Optional(), Regexp(r"^#[0-9a-fA-F]{6}$",
                                message="Use the form #1a2b3c.")], description="Must contrast with white text (4.5:1).")
    provider_name = StringField("CE provider name", validators=[Optional(), Length(max=200)])
    provider_number = StringField("CE provider approval number", validators=[Optional(), Length(max=80)])
    provider_contact = StringField("Provider address or email", validators=[Optional(), Length(max=300)])
    signer_name = StringField("Certificate signer", validators=[Optional(), Length(max=200)])
    logo = FileField("Logo (PNG or JPEG)")
    signature = FileField("Signature image (PNG or JPEG)")
