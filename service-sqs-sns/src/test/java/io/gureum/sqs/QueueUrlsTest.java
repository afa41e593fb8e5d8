package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QueueUrlsTest {
    @Test
    void gureumsOwnUrlNamesAccountAndQueueButNoRegion() {
        assertEquals(new QueueUrls.Parsed(null, "000000000000", "orders"),
                QueueUrls.parse("http://localhost:4566/000000000000/orders"));
    }

    @Test
    void awsAndLegacyHostsNameTheRegion() {
        assertEquals(new QueueUrls.Parsed("eu-west-1", "123456789012", "q.fifo"),
                QueueUrls.parse("https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo"));
        assertEquals(new QueueUrls.Parsed("us-west-2", "123456789012", "q"),
                QueueUrls.parse("https://us-west-2.queue.amazonaws.com/123456789012/q"));
        assertEquals(new QueueUrls.Parsed("ap-south-1", "123456789012", "q"),
                QueueUrls.parse("http://sqs.ap-south-1.localhost.localstack.cloud:4566/123456789012/q"));
    }

    @Test
    void userInfoPortAndTrailingSlashesAreIgnored() {
        assertEquals(new QueueUrls.Parsed("eu-west-1", "123456789012", "q"),
                QueueUrls.parse("http://user@sqs.eu-west-1.amazonaws.com:443/123456789012/q//"));
    }

    @Test
    void urlsThatNeedUriParsingStillParse() {
        assertEquals(new QueueUrls.Parsed(null, "123456789012", "q"),
                QueueUrls.parse("http://localhost:4566/123456789012/q?Action=GetQueueAttributes"));
    }

    @Test
    void aPathAloneNamesAQueue() {
        assertEquals(new QueueUrls.Parsed(null, "123456789012", "q"), QueueUrls.parse("/123456789012/q"));
        assertEquals(new QueueUrls.Parsed(null, "123456789012", "q"), QueueUrls.parse("123456789012/q"));
    }

    @Test
    void urlsThatNameNoQueueAreNull() {
        assertNull(QueueUrls.parse(null));
        assertNull(QueueUrls.parse(""));
        assertNull(QueueUrls.parse("http://localhost:4566/q"));
        assertNull(QueueUrls.parse("http://localhost:4566/12345678901/q"));
        assertNull(QueueUrls.parse("http://localhost:4566/12345678901x/q"));
        assertNull(QueueUrls.parse("http://localhost:4566/123456789012//q"));
        assertNull(QueueUrls.parse("http://localhost:4566/123456789012/"));
        assertNull(QueueUrls.parse("http://local host/123456789012/q"));
        assertNull(QueueUrls.parse("q"));
    }
}
