package io.gureum.events.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** Examples of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html. */
class InputTransformationTest {
    private static final String RULE = "arn:aws:events:us-east-1:000000000000:rule/r";

    private static ObjectNode event() throws Exception {
        ObjectNode detail = (ObjectNode) Envelope.JSON.readTree(
                "{\"instance-id\":\"i-0123456789\",\"state\":\"running\",\"count\":3,\"list\":[\"a\",\"b\"]}");
        return Envelope.of("id-1", "EC2 Instance State-change Notification", "aws.ec2", "000000000000",
                Instant.parse("2026-01-01T00:00:00Z"), "us-east-1", List.of("arn:x"), detail);
    }

    private static String transform(String template) throws Exception {
        Target t = Target.builder().id("t").arn("arn:aws:sqs:us-east-1:000000000000:q")
                .inputTransformer(InputTransformer.builder()
                        .inputPathsMap(Map.of("instance", "$.detail.instance-id", "state", "$.detail.state",
                                "count", "$.detail.count", "first", "$.detail.list[0]", "none", "$.detail.nope"))
                        .inputTemplate(template).build()).build();
        return InputTransformation.input(t, event(), RULE, "r", "2026-01-01T00:00:01Z");
    }

    @Test
    void placeholdersInAndOutOfJsonStrings() throws Exception {
        assertEquals("{\"instance\": \"i-0123456789\", \"state\": [9, \"running\", true]}",
                transform("{\"instance\": <instance>, \"state\": [9, <state>, true]}"));
        assertEquals("\"instance i-0123456789 is in running\"", transform("\"instance <instance> is in <state>\""));
        assertEquals("{\"n\": 3, \"s\": \"3\", \"first\": \"a\"}", transform("{\"n\": <count>, \"s\": \"<count>\", \"first\": <first>}"));
        assertEquals("Instance i-0123456789 is running", transform("Instance <instance> is <state>"));
        assertEquals("{\"x\": null, \"y\": \"\"}", transform("{\"x\": <none>, \"y\": \"<none>\"}"));
        assertEquals("{\"rule\": \"" + RULE + "\", \"name\": \"r\"}",
                transform("{\"rule\": <aws.events.rule-arn>, \"name\": \"<aws.events.rule-name>\"}"));
    }

    @Test
    void inputAndInputPath() throws Exception {
        Target constant = Target.builder().id("t").arn("a").input("{\"fixed\":1}").build();
        assertEquals("{\"fixed\":1}", InputTransformation.input(constant, event(), RULE, "r", ""));
        Target path = Target.builder().id("t").arn("a").inputPath("$.detail").build();
        assertEquals(event().get("detail").toString(), InputTransformation.input(path, event(), RULE, "r", ""));
        Target whole = Target.builder().id("t").arn("a").build();
        assertEquals(event().toString(), InputTransformation.input(whole, event(), RULE, "r", ""));
    }
}
