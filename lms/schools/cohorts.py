"""Cohorts and what instructors may see: an instructor sees only the cohorts they run; admins see all."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lms.accounts.models import User
from lms.schools.models import Cohort, CohortMember


def visible_to(db: Session, user: User) -> list[Cohort]:
    query = select(Cohort).options(selectinload(Cohort.members), selectinload(Cohort.assignments)).order_by(Cohort.name)
    if not user.is_admin:
        query = query.where(Cohort.instructor_id == user.id)
    return list(db.scalars(query))


def get_visible(db: Session, user: User, cohort_id: int) -> Cohort | None:
    cohort = db.get(Cohort, cohort_id)
    if cohort is None or (not user.is_admin and cohort.instructor_id != user.id):
        return None
    return cohort


def find_or_create(db: Session, name: str, instructor_id: int) -> Cohort:
    cohort = db.scalar(select(Cohort).where(Cohort.name == name))
    if cohort is None:
        cohort = Cohort(name=name, instructor_id=instructor_id)
        db.add(cohort)
        db.flush()
    return cohort


def add_member(db: Session, cohort: Cohort, user_id: int) -> None:
    exists = db.scalar(select(CohortMember.id).where(CohortMember.cohort_id == cohort.id,
                                                     CohortMember.user_id == user_id))
    if exists is None:
        db.add(CohortMember(cohort_id=cohort.id, user_id=user_id))
        db.flush()


def member_ids(cohort: Cohort) -> list[int]:
    return [m.user_id for m in cohort.members]


def teaches(db: Session, instructor: User, learner_id: int) -> bool:
    """Whether `learner_id` is in a cohort this instructor may see."""
    if instructor.is_admin:
        return True
    return db.scalar(select(CohortMember.id).join(Cohort, Cohort.id == CohortMember.cohort_id).where(
        Cohort.instructor_id == instructor.id, CohortMember.user_id == learner_id).limit(1)) is not None
