"""Operations: backups and restores, a learner's data export and deletion."""
