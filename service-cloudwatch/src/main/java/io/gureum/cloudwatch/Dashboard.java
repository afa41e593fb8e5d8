package io.gureum.cloudwatch;

/** A stored dashboard. */
record Dashboard(String name, String arn, String body, long lastModified) {
}
