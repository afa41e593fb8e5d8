package io.gureum.core.protocol.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

class ServiceIndexBuilderTest {

    @Test
    void queryCompatibleServicesGetTheLegacyCodesFromTheSmithyModel() throws Exception {
        ServiceIndex sqs = ServiceIndexBuilder.build(SqsClient.class);
        assertTrue(sqs.awsQueryCompatible());
        assertEquals("AmazonSQS", sqs.targetPrefix());
        Map<String, ErrorEntry> byCode = sqs.errors().stream()
                .collect(Collectors.toMap(ErrorEntry::code, Function.identity()));
        ErrorEntry missing = byCode.get("QueueDoesNotExist");
        assertEquals("software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException", missing.exceptionClass());
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", missing.queryCode());
        assertEquals(400, missing.queryStatus());
        assertEquals("QueueAlreadyExists", byCode.get("QueueNameExists").queryCode());
        assertEquals(403, byCode.get("PurgeQueueInProgress").queryStatus());
    }

    @Test
    void queryServicesIndexActionsWithTheirWireNames() throws Exception {
        ServiceIndex sts = ServiceIndexBuilder.build(StsClient.class);
        assertEquals("query", sts.protocol());
        assertEquals("2011-06-15", sts.apiVersion());
        OperationEntry saml = sts.operations().stream()
                .filter(o -> o.wireName().equals("AssumeRoleWithSAML")).findFirst().orElseThrow();
        assertEquals("software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest", saml.requestClass());
        assertTrue(sts.errors().stream().allMatch(e -> e.queryCode() == null));
        assertNull(sts.targetPrefix());
    }
}
