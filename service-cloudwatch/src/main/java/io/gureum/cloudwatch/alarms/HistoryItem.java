package io.gureum.cloudwatch.alarms;

/**
 * One DescribeAlarmHistory item.
 *
 * @param type ConfigurationUpdate, StateUpdate or Action
 * @param data the HistoryData JSON as AWS writes it
 */
record HistoryItem(String alarmName, String alarmType, long timestamp, String type, String summary, String data) {
}
