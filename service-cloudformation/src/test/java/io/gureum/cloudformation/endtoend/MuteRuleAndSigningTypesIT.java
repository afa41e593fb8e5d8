package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.OTelEnrichmentStatus;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;

/**
 * AWS::CloudWatch::AlarmMuteRule, AWS::CloudWatch::OTelEnrichment, AWS::ECR::SigningConfiguration and
 * AWS::ECR::PullTimeUpdateExclusion deployed, updated (in place and by replacement) and deleted by a stack.
 */
class MuteRuleAndSigningTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              RuleName: {Type: String}
              Duration: {Type: String}
              Team: {Type: String}
              Filter: {Type: String}
              Principal: {Type: String}
            Resources:
              Busy:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: App
                  MetricName: Load
                  Statistic: Maximum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: 5
                  ComparisonOperator: GreaterThanThreshold
              Mute:
                Type: AWS::CloudWatch::AlarmMuteRule
                Properties:
                  Name: !Ref RuleName
                  Description: nightly maintenance
                  Rule:
                    Schedule: {Expression: 'cron(0 2 * * *)', Duration: !Ref Duration, Timezone: Europe/Paris}
                  MuteTargets: {AlarmNames: [!Ref Busy]}
                  ExpireDate: '2099-01-01T00:00:00Z'
                  Tags: [{Key: team, Value: !Ref Team}]
              Enrichment:
                Type: AWS::CloudWatch::OTelEnrichment
              Signing:
                Type: AWS::ECR::SigningConfiguration
                Properties:
                  Rules:
                    - SigningProfileArn: !Sub 'arn:aws:signer:${AWS::Region}:${AWS::AccountId}:/signing-profiles/ci_profile'
                      RepositoryFilters: [{Filter: !Ref Filter, FilterType: WILDCARD_MATCH}]
              Exclusion:
                Type: AWS::ECR::PullTimeUpdateExclusion
                Properties:
                  PrincipalArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/${Principal}'
            Outputs:
              MuteRef: {Value: !Ref Mute}
              MuteArn: {Value: !GetAtt Mute.Arn}
              MuteStatus: {Value: !GetAtt Mute.Status}
              MuteType: {Value: !GetAtt Mute.MuteType}
              EnrichmentRef: {Value: !Ref Enrichment}
              EnrichmentStatus: {Value: !GetAtt Enrichment.Status}
              SigningRef: {Value: !Ref Signing}
              SigningRegistry: {Value: !GetAtt Signing.RegistryId}
              ExclusionRef: {Value: !Ref Exclusion}
            """;

    private static List<Parameter> parameters(String rule, String duration, String team, String filter,
            String principal) {
        return List.of(p("RuleName", rule), p("Duration", duration), p("Team", team), p("Filter", filter),
                p("Principal", principal));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    @Test
    void typesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("mute-types");
        String rule = unique("nightly");
        try (CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), gureum);
                EcrClient ecr = AwsClients.client(EcrClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(rule, "PT4H", "a", "team/*", "ci")));
            Stack created = settled(name, "CREATE_COMPLETE");
            String arn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm-mute-rule:" + rule;
            assertEquals(arn, output(created, "MuteRef"));
            assertEquals(arn, output(created, "MuteArn"));
            // Daily 02:00-06:00 in Paris: ACTIVE or SCHEDULED depending on when the test runs.
            assertTrue(List.of("SCHEDULED", "ACTIVE").contains(output(created, "MuteStatus")),
                    output(created, "MuteStatus"));
            assertEquals("RECURRING", output(created, "MuteType"));
            GetAlarmMuteRuleResponse got = cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule));
            String alarm = physicalId(name, "Busy");
            assertEquals(List.of(alarm), got.muteTargets().alarmNames());
            assertEquals("Europe/Paris", got.rule().schedule().timezone());
            assertEquals("PT4H", got.rule().schedule().duration());
            assertEquals("nightly maintenance", got.description());
            assertEquals("2099-01-01T00:00:00Z", got.expireDate().toString());
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(arn)).tags()
                    .contains(Tag.builder().key("team").value("a").build()));

            assertEquals("000000000000", output(created, "EnrichmentRef"));
            assertEquals("RUNNING", output(created, "EnrichmentStatus"));
            assertEquals(OTelEnrichmentStatus.RUNNING, cw.getOTelEnrichment(b -> { }).status());

            assertEquals("000000000000", output(created, "SigningRef"));
            assertEquals("000000000000", output(created, "SigningRegistry"));
            assertEquals("team/*", ecr.getSigningConfiguration(b -> { }).signingConfiguration().rules().get(0)
                    .repositoryFilters().get(0).filter());
            String ci = "arn:aws:iam::000000000000:role/ci";
            assertEquals(ci, output(created, "ExclusionRef"));
            assertEquals(List.of(ci), ecr.listPullTimeUpdateExclusions(b -> { }).pullTimeUpdateExclusions());

            // In place: the rule's duration and tags, the signing filter; replaced: the exclusion's principal.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(rule, "PT2H", "b", "prod*", "deploy")));
            Stack updated = settled(name, "UPDATE_COMPLETE");
            assertEquals("PT2H", cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule)).rule().schedule().duration());
            assertTrue(cw.listTagsForResource(b -> b.resourceARN(arn)).tags()
                    .contains(Tag.builder().key("team").value("b").build()));
            assertEquals("prod*", ecr.getSigningConfiguration(b -> { }).signingConfiguration().rules().get(0)
                    .repositoryFilters().get(0).filter());
            String deploy = "arn:aws:iam::000000000000:role/deploy";
            assertEquals(deploy, output(updated, "ExclusionRef"));
            assertEquals(List.of(deploy), ecr.listPullTimeUpdateExclusions(b -> { }).pullTimeUpdateExclusions());

            // Replacement: the rule's Name; the old rule is deleted.
            String renamed = unique("nightly2");
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(renamed, "PT2H", "b", "prod*", "deploy")));
            Stack replaced = settled(name, "UPDATE_COMPLETE");
            assertTrue(output(replaced, "MuteRef").endsWith(":alarm-mute-rule:" + renamed));
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule)));

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                    () -> cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(renamed)));
            assertEquals(OTelEnrichmentStatus.STOPPED, cw.getOTelEnrichment(b -> { }).status());
            fails(SigningConfigurationNotFoundException.class, 400, "SigningConfigurationNotFoundException",
                    () -> ecr.getSigningConfiguration(b -> { }));
            assertTrue(ecr.listPullTimeUpdateExclusions(b -> { }).pullTimeUpdateExclusions().isEmpty());
        }
    }

    @Test
    void anInvalidScheduleFailsTheRuleWithCloudWatchsError() {
        String name = unique("bad-mute");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Mute:
                    Type: AWS::CloudWatch::AlarmMuteRule
                    Properties:
                      Rule: {Schedule: {Expression: 'rate(5 minutes)', Duration: PT1H}}
                """));
        settled(name, "ROLLBACK_COMPLETE");
        String reason = cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .filter(e -> "Mute".equals(e.logicalResourceId()) && "CREATE_FAILED".equals(e.resourceStatusAsString()))
                .findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("Rule.Schedule.Expression"), reason);
        cfn.deleteStack(b -> b.stackName(name));
    }
}
