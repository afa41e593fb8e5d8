package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.AccountPolicy;
import software.amazon.awssdk.services.cloudwatchlogs.model.DataProtectionStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.Destination;
import software.amazon.awssdk.services.cloudwatchlogs.model.FieldIndex;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.OperationAbortedException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PolicyScope;
import software.amazon.awssdk.services.cloudwatchlogs.model.PolicyType;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourcePolicy;

/** Destinations, resource, data protection, index and account policies: stored configuration, read back as put. */
class PoliciesIT extends LogsTestSupport {
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"route53.amazonaws.com\"},\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}";
    static final String DATA_PROTECTION = "{\"Name\":\"p\",\"Version\":\"2021-06-01\",\"Statement\":["
            + "{\"Sid\":\"audit\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
            + "\"Operation\":{\"Audit\":{\"FindingsDestination\":{}}}},"
            + "{\"Sid\":\"redact\",\"DataIdentifier\":[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
            + "\"Operation\":{\"Deidentify\":{\"MaskConfig\":{}}}}]}";

    @Test
    void destinations() {
        String name = unique("dest");
        String target = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
        Destination d = logs.putDestination(b -> b.destinationName(name).targetArn(target)
                .roleArn("arn:aws:iam::000000000000:role/r")).destination();
        assertEquals("arn:aws:logs:us-east-1:000000000000:destination:" + name, d.arn());
        assertEquals(target, d.targetArn());
        assertNull(d.accessPolicy());
        logs.putDestinationPolicy(b -> b.destinationName(name).accessPolicy(POLICY));
        Destination listed = logs.describeDestinations(b -> b.destinationNamePrefix(name)).destinations().get(0);
        assertEquals(POLICY, listed.accessPolicy());
        assertEquals(d.creationTime(), listed.creationTime());
        // A destination's target is not served, so subscribing to it fails its test delivery.
        String group = groupWithStream("s");
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("f").filterPattern("")
                        .destinationArn(d.arn())));
        logs.deleteDestination(b -> b.destinationName(name));
        assertTrue(logs.describeDestinations(b -> b.destinationNamePrefix(name)).destinations().isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteDestination(b -> b.destinationName(name)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.putDestinationPolicy(b -> b.destinationName(name).accessPolicy(POLICY)));
    }

    @Test
    void accountAndLogGroupResourcePolicies() {
        String name = unique("rp");
        ResourcePolicy p = logs.putResourcePolicy(b -> b.policyName(name).policyDocument(POLICY)).resourcePolicy();
        assertEquals(PolicyScope.ACCOUNT, p.policyScope());
        assertTrue(logs.describeResourcePolicies(b -> b.limit(50)).resourcePolicies().stream()
                .anyMatch(x -> x.policyName().equals(name) && x.policyDocument().equals(POLICY)));
        logs.deleteResourcePolicy(b -> b.policyName(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteResourcePolicy(b -> b.policyName(name)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putResourcePolicy(b -> b.policyName(name).policyDocument("not json")));

        String group = groupWithStream("s");
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        PutResourcePolicyResponse first = logs.putResourcePolicy(b -> b.policyName("g").policyDocument(POLICY)
                .resourceArn(arn));
        assertEquals(PolicyScope.RESOURCE, first.resourcePolicy().policyScope());
        assertEquals(arn, first.resourcePolicy().resourceArn());
        // Updates must name the current revision.
        assertError(OperationAbortedException.class, "OperationAbortedException", 400, null,
                () -> logs.putResourcePolicy(b -> b.policyName("g").policyDocument(POLICY).resourceArn(arn)));
        String second = logs.putResourcePolicy(b -> b.policyName("g").policyDocument(POLICY).resourceArn(arn)
                .expectedRevisionId(first.revisionId())).revisionId();
        assertEquals(1, logs.describeResourcePolicies(b -> b.resourceArn(arn)).resourcePolicies().size());
        logs.deleteResourcePolicy(b -> b.resourceArn(arn).policyName("g").expectedRevisionId(second));
        assertTrue(logs.describeResourcePolicies(b -> b.resourceArn(arn)).resourcePolicies().isEmpty());
        // Deleting the group deletes its policy: a new group of the name starts without one.
        logs.putResourcePolicy(b -> b.policyName("g").policyDocument(POLICY).resourceArn(arn));
        logs.deleteLogGroup(b -> b.logGroupName(group));
        logs.createLogGroup(b -> b.logGroupName(group));
        assertTrue(logs.describeResourcePolicies(b -> b.resourceArn(arn)).resourcePolicies().isEmpty());
    }

    @Test
    void accountResourcePoliciesAreLimitedToTen() {
        // A server of its own would isolate this; names are unique, and cleanup restores the count.
        List<String> made = new java.util.ArrayList<>();
        try {
            int existing = logs.describeResourcePolicies(b -> b.limit(50)).resourcePolicies().size();
            for (int i = existing; i < 10; i++) {
                String n = unique("lim");
                logs.putResourcePolicy(b -> b.policyName(n).policyDocument(POLICY));
                made.add(n);
            }
            assertError(LimitExceededException.class, "LimitExceededException", 400, null,
                    () -> logs.putResourcePolicy(b -> b.policyName(unique("over")).policyDocument(POLICY)));
        } finally {
            made.forEach(n -> logs.deleteResourcePolicy(b -> b.policyName(n)));
        }
    }

    @Test
    void dataProtectionPolicies() {
        String group = groupWithStream("s");
        assertNull(logs.getDataProtectionPolicy(b -> b.logGroupIdentifier(group)).policyDocument());
        long at = logs.putDataProtectionPolicy(b -> b.logGroupIdentifier(group).policyDocument(DATA_PROTECTION))
                .lastUpdatedTime();
        assertEquals(DATA_PROTECTION, logs.getDataProtectionPolicy(b -> b.logGroupIdentifier(group)).policyDocument());
        assertEquals(at, logs.getDataProtectionPolicy(b -> b.logGroupIdentifier(group)).lastUpdatedTime());
        assertEquals(DataProtectionStatus.ACTIVATED, logs.describeLogGroups(b -> b.logGroupNamePrefix(group))
                .logGroups().get(0).dataProtectionStatus());
        logs.deleteDataProtectionPolicy(b -> b.logGroupIdentifier(group));
        assertEquals(DataProtectionStatus.DELETED, logs.describeLogGroups(b -> b.logGroupNamePrefix(group))
                .logGroups().get(0).dataProtectionStatus());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteDataProtectionPolicy(b -> b.logGroupIdentifier(group)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putDataProtectionPolicy(b -> b.logGroupIdentifier(group).policyDocument("{\"Statement\":[]}")));
    }

    @Test
    void indexPoliciesAndFieldIndexes() throws Exception {
        String group = groupWithStream("s");
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t, "{\"RequestId\":\"a\"}"),
                event(t + 5, "{\"Other\":1}"), event(t + 9, "{\"RequestId\":\"b\"}")));
        logs.putIndexPolicy(b -> b.logGroupIdentifier(group).policyDocument("{\"Fields\":[\"RequestId\"]}"));
        assertEquals("{\"Fields\":[\"RequestId\"]}", logs.describeIndexPolicies(b -> b.logGroupIdentifiers(group))
                .indexPolicies().get(0).policyDocument());
        // filterIndex reads the groups indexed on the field.
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(t / 1000 - 60).endTime(t / 1000 + 60)
                .queryString("filterIndex RequestId = 'b' | fields RequestId")).queryId();
        assertEquals(1, QueriesIT.await(id).results().size());
        FieldIndex index = logs.describeFieldIndexes(b -> b.logGroupIdentifiers(group)).fieldIndexes().get(0);
        assertEquals("RequestId", index.fieldIndexName());
        assertEquals(t, index.firstEventTime());
        assertEquals(t + 9, index.lastEventTime());
        logs.deleteIndexPolicy(b -> b.logGroupIdentifier(group));
        assertTrue(logs.describeIndexPolicies(b -> b.logGroupIdentifiers(group)).indexPolicies().isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteIndexPolicy(b -> b.logGroupIdentifier(group)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putIndexPolicy(b -> b.logGroupIdentifier(group).policyDocument("{\"Fields\":[]}")));
        String ia = unique("/ia");
        logs.createLogGroup(b -> b.logGroupName(ia).logGroupClass(LogGroupClass.INFREQUENT_ACCESS));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putIndexPolicy(b -> b.logGroupIdentifier(ia).policyDocument("{\"Fields\":[\"a\"]}")));
    }

    @Test
    void accountPolicies() {
        String name = unique("ap");
        AccountPolicy p = logs.putAccountPolicy(b -> b.policyName(name).policyType(PolicyType.SUBSCRIPTION_FILTER_POLICY)
                .policyDocument("{\"DestinationArn\":\"arn:aws:lambda:us-east-1:000000000000:function:f\"}")
                .selectionCriteria("LogGroupName NOT IN [\"a\"]")).accountPolicy();
        assertEquals("000000000000", p.accountId());
        assertEquals("ALL", p.scopeAsString());
        assertEquals(List.of(name), logs.describeAccountPolicies(b -> b.policyType(PolicyType.SUBSCRIPTION_FILTER_POLICY)
                .policyName(name)).accountPolicies().stream().map(AccountPolicy::policyName).toList());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putAccountPolicy(b -> b.policyName(name).policyType(PolicyType.DATA_PROTECTION_POLICY)
                        .policyDocument(DATA_PROTECTION).selectionCriteria("x")));
        logs.deleteAccountPolicy(b -> b.policyName(name).policyType(PolicyType.SUBSCRIPTION_FILTER_POLICY));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteAccountPolicy(b -> b.policyName(name).policyType(PolicyType.SUBSCRIPTION_FILTER_POLICY)));
    }
}
