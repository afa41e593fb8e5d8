/** Resource handlers of CloudWatch (alarms), through the in-process {@code CloudWatchClient}. */
package io.gureum.cloudformation.resource.cloudwatch;
