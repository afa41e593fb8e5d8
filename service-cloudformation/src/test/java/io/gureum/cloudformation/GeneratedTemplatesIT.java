package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.DescribeGeneratedTemplateResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceDefinition;

class GeneratedTemplatesIT extends CloudFormationTestSupport {

    private static ResourceDefinition queue(String logicalId, String url) {
        return ResourceDefinition.builder().resourceType("AWS::SQS::Queue").logicalResourceId(logicalId)
                .resourceIdentifier(Map.of("QueueUrl", url)).build();
    }

    @Test
    void aTemplateHoldsTheResourcesReadBackAndFailsThoseThatCannotBeRead() throws Exception {
        String name = unique("queue-gen");
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                .queueUrl();
        String bucket = unique("gen-bucket");
        s3.createBucket(b -> b.bucket(bucket));
        String template = unique("gen");
        String id = cfn.createGeneratedTemplate(b -> b.generatedTemplateName(template).resources(queue("Queue", url),
                ResourceDefinition.builder().resourceType("AWS::S3::Bucket").logicalResourceId("Bucket")
                        .resourceIdentifier(Map.of("BucketName", bucket)).build())).generatedTemplateId();
        assertTrue(id.matches("arn:aws:cloudformation:[a-z0-9-]+:\\d{12}:generatedtemplate/[0-9a-f-]{36}"), id);
        fails(400, "AlreadyExistsException", () -> cfn.createGeneratedTemplate(b -> b.generatedTemplateName(template)));

        DescribeGeneratedTemplateResponse d = cfn.describeGeneratedTemplate(b -> b.generatedTemplateName(template));
        assertEquals("FAILED", d.statusAsString());
        assertEquals(1, d.progress().resourcesFailed());
        assertEquals("COMPLETE", d.resources().get(0).resourceStatusAsString());
        assertEquals("FAILED", d.resources().get(1).resourceStatusAsString());
        assertTrue(d.resources().get(1).resourceStatusReason().contains("AWS::S3::Bucket"));
        assertEquals("RETAIN", d.templateConfiguration().deletionPolicyAsString());

        cfn.updateGeneratedTemplate(b -> b.generatedTemplateName(template).removeResources("Bucket")
                .templateConfiguration(c -> c.deletionPolicy("DELETE")));
        assertEquals("COMPLETE", cfn.describeGeneratedTemplate(b -> b.generatedTemplateName(id)).statusAsString());
        JsonNode body = new ObjectMapper().readTree(cfn.getGeneratedTemplate(b -> b.generatedTemplateName(template))
                .templateBody());
        JsonNode q = body.path("Resources").path("Queue");
        assertEquals("AWS::SQS::Queue", q.path("Type").asText());
        assertEquals("Delete", q.path("DeletionPolicy").asText());
        assertEquals("Retain", q.path("UpdateReplacePolicy").asText());
        assertEquals(name, q.path("Properties").path("QueueName").asText(), q.toString());
        String yaml = cfn.getGeneratedTemplate(b -> b.generatedTemplateName(template).format("YAML")).templateBody();
        assertTrue(yaml.contains("Type: AWS::SQS::Queue"), yaml);

        String renamed = template + "-2";
        cfn.updateGeneratedTemplate(b -> b.generatedTemplateName(template).newGeneratedTemplateName(renamed));
        assertTrue(cfn.listGeneratedTemplates(b -> { }).summaries().stream().anyMatch(s -> s.generatedTemplateName()
                .equals(renamed) && s.numberOfResources() == 1 && s.generatedTemplateId().equals(id)));
        cfn.deleteGeneratedTemplate(b -> b.generatedTemplateName(renamed));
        assertFalse(cfn.listGeneratedTemplates(b -> { }).summaries().stream()
                .anyMatch(s -> s.generatedTemplateId().equals(id)));
        fails(404, "GeneratedTemplateNotFound", () -> cfn.describeGeneratedTemplate(b -> b.generatedTemplateName(
                renamed)));
        fails(404, "GeneratedTemplateNotFound", () -> cfn.getGeneratedTemplate(b -> b.generatedTemplateName(
                renamed)));
        fails(404, "GeneratedTemplateNotFound", () -> cfn.deleteGeneratedTemplate(b -> b.generatedTemplateName(
                renamed)));
    }

    @Test
    void aTemplateFromAStackStartsFromTheStacksResources() throws Exception {
        String stack = unique("gen-stack");
        cfn.createStack(b -> b.stackName(stack).templateBody("""
                {"Resources": {"Thing": {"Type": "Gureum::Test::Thing", "Properties": {"Value": "a"}}}}"""));
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        String template = unique("gen-from-stack");
        cfn.createGeneratedTemplate(b -> b.generatedTemplateName(template).stackName(stack));
        DescribeGeneratedTemplateResponse d = cfn.describeGeneratedTemplate(b -> b.generatedTemplateName(template));
        assertEquals(cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0).stackId(), d.stackId());
        JsonNode body = new ObjectMapper().readTree(cfn.getGeneratedTemplate(b -> b.generatedTemplateName(template))
                .templateBody());
        assertEquals("Gureum::Test::Thing", body.path("Resources").path("Thing").path("Type").asText());
        fails(400, "ValidationError", () -> cfn.createGeneratedTemplate(b -> b.generatedTemplateName(unique("g"))
                .stackName("no-such-stack")));
    }
}
