package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What GureumContainer runs and waits for, checked without a Docker engine. */
class GureumContainerTest {
    @Test
    void theDefaultImageIsThePublishedOneOfThisVersion() {
        // The module is a snapshot while developed: snapshots run the newest release.
        assertEquals("ghcr.io/gureum/gureum:latest", GureumContainer.DEFAULT_IMAGE);
        assertEquals("0.2.0", GureumContainer.imageTag("0.2.0"));
        assertEquals("latest", GureumContainer.imageTag("0.2.0-SNAPSHOT"));
    }

    @Test
    void itWaitsForTheReadyLineAsTheImageLogsIt() {
        // io.gureum.core.logging.ConsoleLogging.PATTERN: "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n"
        assertTrue("07:00:01.234 INFO  Main - Ready.\n".matches(GureumContainer.READY_LINE));
        assertFalse("07:00:01.234 INFO  Main - Loaded sqs\n".matches(GureumContainer.READY_LINE));
        assertFalse("07:00:01.234 INFO  Main - Ready.ish\n".matches(GureumContainer.READY_LINE));
    }
}
