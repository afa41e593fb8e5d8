package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.InsightRule;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** AWS::CloudWatch::InsightRule and AWS::CloudWatch::MetricStream deployed, updated and deleted by a stack. */
class InsightRuleAndMetricStreamIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              RuleName: {Type: String}
              State: {Type: String}
              Format: {Type: String}
              Team: {Type: String}
            Resources:
              Rule:
                Type: AWS::CloudWatch::InsightRule
                Properties:
                  RuleName: !Ref RuleName
                  RuleState: !Ref State
                  RuleBody: >-
                    {"Schema":{"Name":"CloudWatchLogRule","Version":1},"LogGroupNames":["/api/*"],
                    "LogFormat":"JSON","Contribution":{"Keys":["$.ip"]},"AggregateOn":"Count"}
                  Tags: [{Key: team, Value: !Ref Team}]
              Stream:
                Type: AWS::CloudWatch::MetricStream
                Properties:
                  FirehoseArn: !Sub 'arn:aws:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/metrics'
                  RoleArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/metric-stream'
                  OutputFormat: !Ref Format
                  IncludeFilters: [{Namespace: AWS/EC2, MetricNames: [CPUUtilization]}]
                  StatisticsConfigurations:
                    - IncludeMetrics: [{Namespace: AWS/EC2, MetricName: CPUUtilization}]
                      AdditionalStatistics: [p99]
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              RuleRef: {Value: !Ref Rule}
              RuleArn: {Value: !GetAtt Rule.Arn}
              RuleId: {Value: !GetAtt Rule.Id}
              RuleNameOut: {Value: !GetAtt Rule.RuleName}
              StreamRef: {Value: !Ref Stream}
              StreamArn: {Value: !GetAtt Stream.Arn}
              StreamState: {Value: !GetAtt Stream.State}
              StreamCreated: {Value: !GetAtt Stream.CreationDate}
            """;

    private static List<Parameter> parameters(String rule, String state, String format, String team) {
        return List.of(p("RuleName", rule), p("State", state), p("Format", format), p("Team", team));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static InsightRule rule(CloudWatchClient cw, String name) {
        return cw.describeInsightRules(b -> b.maxResults(500)).insightRules().stream()
                .filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void rulesAndStreamsAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("ci-types");
        String ruleName = unique("ips");
        try (CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(ruleName, "ENABLED", "json", "a")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String ruleArn = "arn:aws:cloudwatch:us-east-1:000000000000:insight-rule/" + ruleName;
            assertEquals(ruleArn, output(created, "RuleRef"));
            assertEquals(ruleArn, output(created, "RuleArn"));
            assertEquals(ruleArn, output(created, "RuleId"));
            assertEquals(ruleName, output(created, "RuleNameOut"));
            assertEquals("ENABLED", rule(cw, ruleName).state());
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(ruleArn)).tags()
                    .contains(Tag.builder().key("team").value("a").build()));

            String streamName = output(created, "StreamRef");
            assertTrue(streamName.startsWith(name + "-Stream-"), streamName);
            GetMetricStreamResponse stream = cw.getMetricStream(b -> b.name(streamName));
            assertEquals(stream.arn(), output(created, "StreamArn"));
            assertEquals("running", output(created, "StreamState"));
            assertEquals(stream.creationDate().toString(), output(created, "StreamCreated"));
            assertEquals(List.of("p99"), stream.statisticsConfigurations().get(0).additionalStatistics());

            // In place: the rule's state, the stream's format, the tags of both.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(ruleName, "DISABLED", "opentelemetry1.0", "b")));
            Stack updated = settle(name);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals("DISABLED", rule(cw, ruleName).state());
            assertEquals("opentelemetry1.0", cw.getMetricStream(b -> b.name(streamName)).outputFormatAsString());
            assertEquals(streamName, output(updated, "StreamRef"));
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(ruleArn)).tags()
                    .contains(Tag.builder().key("team").value("b").build()));
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(stream.arn())).tags()
                    .contains(Tag.builder().key("team").value("b").build()));

            // Replacement: RuleName; the old rule is deleted.
            String renamed = unique("ips2");
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(renamed, "DISABLED", "opentelemetry1.0", "b")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertEquals(null, rule(cw, ruleName));
            assertEquals("DISABLED", rule(cw, renamed).state());

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertEquals(null, rule(cw, renamed));
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> cw.getMetricStream(b -> b.name(streamName)));
        }
    }

    @Test
    void anInvalidRuleBodyFailsWithCloudWatchsReason() {
        String name = unique("bad-rule");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Rule:
                    Type: AWS::CloudWatch::InsightRule
                    Properties:
                      RuleName: bad
                      RuleState: ENABLED
                      RuleBody: '{"Schema":{"Name":"CloudWatchLogRule","Version":1}}'
                """));
        Stack s = settle(name);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
    }
}
