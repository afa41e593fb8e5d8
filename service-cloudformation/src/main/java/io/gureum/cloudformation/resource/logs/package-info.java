/** Resource handlers of CloudWatch Logs, through the in-process {@code CloudWatchLogsClient}. */
package io.gureum.cloudformation.resource.logs;
