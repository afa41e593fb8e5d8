package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListSyslogConfigurationsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.SyslogConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.SyslogSourceType;

/**
 * Syslog configurations (API_PutSyslogConfiguration.html, API_ListSyslogConfigurations.html,
 * API_DeleteSyslogConfiguration.html) and bearer token authentication (API_PutBearerTokenAuthentication.html),
 * stored as configuration of log groups.
 */
class SyslogConfigurationsIT extends LogsTestSupport {

    static String arn(String group) {
        return logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).logGroupArn();
    }

    @Test
    void putListAndDeleteByGroupAndEndpoint() {
        String group = groupWithStream("s");
        String other = groupWithStream("s");
        long before = now();
        logs.putSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0a1"));
        logs.putSyslogConfiguration(b -> b.logGroupIdentifier(arn(group)).vpcEndpointId("vpce-0b2"));
        logs.putSyslogConfiguration(b -> b.logGroupIdentifier(other).vpcEndpointId("vpce-0a1"));

        List<SyslogConfiguration> mine = logs.listSyslogConfigurations(b -> b.logGroupIdentifier(group))
                .syslogConfigurations();
        assertEquals(List.of("vpce-0a1", "vpce-0b2"), mine.stream().map(SyslogConfiguration::vpcEndpointId).toList());
        for (SyslogConfiguration c : mine) {
            assertEquals(arn(group), c.logGroupArn());
            assertEquals(SyslogSourceType.VPCE, c.sourceType());
            assertTrue(c.createdAt() >= before, c.toString());
        }
        List<SyslogConfiguration> byEndpoint = logs.listSyslogConfigurations(b -> b.vpcEndpointId("vpce-0a1"))
                .syslogConfigurations();
        assertTrue(byEndpoint.stream().map(SyslogConfiguration::logGroupArn).toList()
                .containsAll(List.of(arn(group), arn(other))), byEndpoint.toString());

        // Putting it again keeps the configuration and its creation time.
        long created = mine.get(0).createdAt();
        gureum.context().clock().advance(java.time.Duration.ofMinutes(1));
        logs.putSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0a1"));
        assertEquals(created, logs.listSyslogConfigurations(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0a1"))
                .syslogConfigurations().get(0).createdAt());

        logs.deleteSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0a1"));
        assertEquals(List.of("vpce-0b2"), logs.listSyslogConfigurations(b -> b.logGroupIdentifier(group))
                .syslogConfigurations().stream().map(SyslogConfiguration::vpcEndpointId).toList());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified syslog configuration does not exist.",
                () -> logs.deleteSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0a1")));
    }

    @Test
    void maxResultsPagesAndNextTokenGoesOn() {
        String group = groupWithStream("s");
        for (String e : List.of("vpce-01", "vpce-02", "vpce-03")) {
            logs.putSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId(e));
        }
        ListSyslogConfigurationsResponse first = logs.listSyslogConfigurations(
                b -> b.logGroupIdentifier(group).maxResults(2));
        assertEquals(2, first.syslogConfigurations().size());
        ListSyslogConfigurationsResponse second = logs.listSyslogConfigurations(
                b -> b.logGroupIdentifier(group).maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of("vpce-03"), second.syslogConfigurations().stream()
                .map(SyslogConfiguration::vpcEndpointId).toList());
        assertNull(second.nextToken());
    }

    @Test
    void aDeletedGroupTakesItsConfigurationsAlong() {
        String group = groupWithStream("s");
        logs.putSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("vpce-0ff"));
        logs.deleteLogGroup(b -> b.logGroupName(group));
        assertFalse(logs.listSyslogConfigurations(b -> b.vpcEndpointId("vpce-0ff")).syslogConfigurations().stream()
                .anyMatch(c -> c.logGroupArn().endsWith(":" + group)));
    }

    @Test
    void errors() {
        String group = groupWithStream("s");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.putSyslogConfiguration(b -> b.logGroupIdentifier(unique("/missing"))
                        .vpcEndpointId("vpce-0a")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value 'endpoint-1' at 'vpcEndpointId' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^vpce-[0-9a-f]{1,64}$",
                () -> logs.putSyslogConfiguration(b -> b.logGroupIdentifier(group).vpcEndpointId("endpoint-1")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 50",
                () -> logs.listSyslogConfigurations(b -> b.maxResults(51)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.listSyslogConfigurations(b -> b.logGroupIdentifier(unique("/missing"))));
    }

    @Test
    void bearerTokenAuthenticationIsReportedByDescribeLogGroups() {
        String group = groupWithStream("s");
        assertFalse(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0)
                .bearerTokenAuthenticationEnabled());
        logs.putBearerTokenAuthentication(b -> b.logGroupIdentifier(group).bearerTokenAuthenticationEnabled(true));
        assertTrue(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0)
                .bearerTokenAuthenticationEnabled());
        logs.putBearerTokenAuthentication(b -> b.logGroupIdentifier(arn(group))
                .bearerTokenAuthenticationEnabled(false));
        assertFalse(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0)
                .bearerTokenAuthenticationEnabled());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.putBearerTokenAuthentication(b -> b.logGroupIdentifier(unique("/missing"))
                        .bearerTokenAuthenticationEnabled(true)));
    }
}
