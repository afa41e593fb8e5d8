package com.amazonaws.services.lambda.runtime.events;

import java.util.List;

/**
 * A stand-in with the bean shape of aws-lambda-java-events' {@code SNSEvent} (whose JSON names, such
 * as {@code Records} and {@code Sns}, differ in case from its properties), for the binder's tests.
 */
public class SNSEvent {
    private List<SNSRecord> records;

    public List<SNSRecord> getRecords() {
        return records;
    }

    public void setRecords(List<SNSRecord> records) {
        this.records = records;
    }

    public static class SNSRecord {
        private SNS sns;
        private String eventSource;

        public SNS getSNS() {
            return sns;
        }

        public void setSns(SNS sns) {
            this.sns = sns;
        }

        public String getEventSource() {
            return eventSource;
        }

        public void setEventSource(String eventSource) {
            this.eventSource = eventSource;
        }
    }

    public static class SNS {
        private String message;
        private String topicArn;

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getTopicArn() {
            return topicArn;
        }

        public void setTopicArn(String topicArn) {
            this.topicArn = topicArn;
        }
    }
}
