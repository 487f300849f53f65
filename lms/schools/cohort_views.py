"""Teaching: cohorts, members, assignments, gradebook, one learner's view, item analysis."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms import db
from lms.accounts import service
from lms.blueprint import load as load_blueprint
from lms.assessment.models import QuizSpec
from lms.content import catalog
from lms.schools import assignments, audit, cohorts, gradebook, item_analysis, learner_report
from lms.schools.forms import AssignmentForm, CohortForm, MemberForm
from lms.schools.models import Assignment, Cohort
from lms.accounts.access import staff_required
from lms.web.form_choices import select_choices

bp = Blueprint("teaching", __name__, template_folder="templates")


def _cohort(cohort_id: int) -> Cohort:
    return cohorts.get_visible(db.session(), current_user, cohort_id) or abort(404)


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    form.course.choices = select_choices([("", "—")] + [(c.slug, c.title) for c in catalog.list_courses(db.session())])
    form.domains.choices = select_choices((a.key, a.name) for a in load_blueprint().areas)
    return form


@bp.route("/teaching", methods=["GET", "POST"], endpoint="cohorts")
@staff_required
def cohorts_page() -> str | Response:
    form = CohortForm()
    if form.validate_on_submit():
        cohort = Cohort(name=form.name.data.strip(), instructor_id=current_user.id)
        db.session().add(cohort)
        db.session().flush()
        audit.record(db.session(), current_user.id, "cohort.created", f"cohort:{cohort.id}", name=cohort.name)
        db.session().commit()
        return redirect(url_for("teaching.cohort", cohort_id=cohort.id))
    return render_template("schools/cohorts.html", cohorts=cohorts.visible_to(db.session(), current_user), form=form)




@bp.get("/teaching/cohorts/<int:cohort_id>")
@staff_required
def cohort(cohort_id: int) -> str:
    c = _cohort(cohort_id)
    return render_template("schools/cohort.html", cohort=c, member_form=MemberForm(), form=_assignment_form(),
                           book=gradebook.build(db.session(), c))


@bp.post("/teaching/cohorts/<int:cohort_id>/members")
@staff_required
def add_member(cohort_id: int) -> Response:
    c, form = _cohort(cohort_id), MemberForm()
    user = service.find_by_email(db.session(), form.email.data or "") if form.validate_on_submit() else None
    if user is None:
        flash("No account uses that email address. Invite the learner first.", "error")
    else:
        cohorts.add_member(db.session(), c, user.id)
        audit.record(db.session(), current_user.id, "cohort.member_added", f"cohort:{c.id}", user=user.id)
        db.session().commit()
        flash(f"{user.full_name} added.", "success")
    return redirect(url_for("teaching.cohort", cohort_id=cohort_id))


@bp.post("/teaching/cohorts/<int:cohort_id>/assignments")
@staff_required
def add_assignment(cohort_id: int) -> str | Response:
    c, form = _cohort(cohort_id), _assignment_form()
    if form.validate_on_submit():
        try:
            assignment = assignments.create(db.session(), c, current_user.id, form.data)
        except assignments.AssignmentError as exc:
            getattr(form, exc.field).errors.append(str(exc))
        else:
            flash(f"Assigned: {assignment.title}.", "success")
            return redirect(url_for("teaching.cohort", cohort_id=cohort_id))
    return render_template("schools/cohort.html", cohort=c, member_form=MemberForm(), form=form,
                           book=gradebook.build(db.session(), c)), 400


@bp.get("/teaching/cohorts/<int:cohort_id>/gradebook.csv")
@staff_required
def gradebook_csv(cohort_id: int) -> Response:
    book = gradebook.build(db.session(), _cohort(cohort_id))
    names = {a.key: a.name for a in load_blueprint().areas}
    return Response(gradebook.to_csv(book, names), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="gradebook-{cohort_id}.csv"'})


@bp.get("/teaching/cohorts/<int:cohort_id>/learners/<int:user_id>")
@staff_required
def learner(cohort_id: int, user_id: int) -> str:
    c = _cohort(cohort_id)
    if user_id not in cohorts.member_ids(c):
        abort(404)
    return render_template("schools/learner.html", cohort=c,
                           report=learner_report.build(db.session(), user_id, load_blueprint()))


@bp.get("/teaching/cohorts/<int:cohort_id>/assignments/<int:assignment_id>/analysis")
@staff_required
def analysis(cohort_id: int, assignment_id: int) -> str:
    c = _cohort(cohort_id)
    assignment = db.session().get(Assignment, assignment_id)
    if assignment is None or assignment.cohort_id != c.id or assignment.spec_id is None:
        abort(404)
    spec = db.session().get(QuizSpec, assignment.spec_id)
    report = item_analysis.analyse(db.session(), spec, cohorts.member_ids(c))
    return render_template("schools/analysis.html", cohort=c, assignment=assignment, report=report)
