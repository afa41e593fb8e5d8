package io.gureum.cloudwatch.alarms;

/** What an evaluation concluded: the state, AWS's reason sentence and the reason data JSON (or null). */
record Evaluation(String state, String reason, String reasonData) {
}
