"""CE forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, DecimalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from lms.credits.vocabulary import CATEGORIES, DELIVERIES
from lms.web.form_choices import select_choices


class ExternalCreditForm(FlaskForm):
    title = StringField("Course title", validators=[DataRequired("Enter the course title."), Length(max=300)])
    provider_name = StringField("Provider", validators=[DataRequired("Enter the provider's name."), Length(max=200)])
    provider_number = StringField("Provider approval number", validators=[Optional(), Length(max=80)])
    hours = DecimalField("CE hours", places=2, validators=[DataRequired("Enter the hours, e.g. 1.5."),
                                                         NumberRange(min=0.25, max=100, message="Between 0.25 and 100.")])
    categories = SelectMultipleField("Categories", choices=select_choices(CATEGORIES), validators=[Optional()],
                                     description="Hold Ctrl (or Cmd) to choose several.")
    delivery = SelectField("Delivery", choices=select_choices(DELIVERIES))
    completed_on = DateField("Completion date", validators=[DataRequired("Enter the date as YYYY-MM-DD.")])
    proof = FileField("Proof (PDF, PNG or JPEG, up to 5 MB)", validators=[FileRequired("Attach your certificate.")])


class ReverseForm(FlaskForm):
    reason = TextAreaField("Why is this entry reversed?", validators=[DataRequired("Give a reason."),
                                                                     Length(max=1000)])


class LicenseForm(FlaskForm):
    profile_key = SelectField("License or certification", choices=[])
    license_number = StringField("License number", validators=[DataRequired("Enter the license number."),
                                                                Length(max=60)])
    cycle_end = DateField("Current renewal cycle ends on", validators=[DataRequired("Enter the date as YYYY-MM-DD.")])


class RevokeForm(FlaskForm):
    reason = TextAreaField("Reason for revoking", validators=[DataRequired("Give a reason."), Length(max=1000)])


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter: changes nothing

    start = DateField("From", validators=[Optional()])
    end = DateField("To", validators=[Optional()])
