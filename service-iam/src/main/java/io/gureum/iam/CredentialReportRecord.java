package io.gureum.iam;

import java.time.Instant;

/** A generated credential report: its CSV and the time it was made. */
record CredentialReportRecord(String csv, Instant generated) {
}
