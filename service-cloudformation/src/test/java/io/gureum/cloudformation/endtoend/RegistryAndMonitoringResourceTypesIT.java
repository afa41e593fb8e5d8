package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetector;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;

/**
 * AWS::CloudWatch::AnomalyDetector, AWS::ECR::ReplicationConfiguration and AWS::ECR::PublicRepository deployed by
 * CreateStack.
 */
class RegistryAndMonitoringResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Namespace: {Type: String}
              Stat: {Type: String}
              TimeZone: {Type: String}
              ReplicaRegion: {Type: String}
            Resources:
              Latency:
                Type: AWS::CloudWatch::AnomalyDetector
                Properties:
                  SingleMetricAnomalyDetector:
                    Namespace: !Ref Namespace
                    MetricName: Latency
                    Stat: !Ref Stat
                    Dimensions: [{Name: Service, Value: api}]
                  Configuration:
                    MetricTimeZone: !Ref TimeZone
              Replication:
                Type: AWS::ECR::ReplicationConfiguration
                Properties:
                  ReplicationConfiguration:
                    Rules:
                      - Destinations:
                          - {Region: !Ref ReplicaRegion, RegistryId: !Ref 'AWS::AccountId'}
                        RepositoryFilters:
                          - {Filter: prod, FilterType: PREFIX_MATCH}
            Outputs:
              DetectorRef: {Value: !Ref Latency}
              DetectorId: {Value: !GetAtt Latency.Id}
              ReplicationRef: {Value: !Ref Replication}
              RegistryId: {Value: !GetAtt Replication.RegistryId}
            """;

    private static List<Parameter> parameters(String namespace, String stat, String zone, String region) {
        return List.of(p("Namespace", namespace), p("Stat", stat), p("TimeZone", zone), p("ReplicaRegion", region));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static List<AnomalyDetector> detectors(CloudWatchClient cw, String namespace) {
        return cw.describeAnomalyDetectors(b -> b.namespace(namespace)).anomalyDetectors();
    }

    @Test
    void anomalyDetectorsAndReplicationAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("monitoring-types");
        String namespace = unique("App");
        try (CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), gureum);
                EcrClient ecr = AwsClients.client(EcrClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(namespace, "Average", "UTC", "us-west-2")));
            Stack created = settle(name);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            String detectorId = output(created, "DetectorRef");
            assertTrue(detectorId.startsWith(name + "-Latency-"), detectorId);
            assertEquals(detectorId, output(created, "DetectorId"));
            List<AnomalyDetector> found = detectors(cw, namespace);
            assertEquals(1, found.size());
            assertEquals("Average", found.get(0).singleMetricAnomalyDetector().stat());
            assertEquals("UTC", found.get(0).configuration().metricTimezone());

            assertEquals("000000000000", output(created, "ReplicationRef"));
            assertEquals("000000000000", output(created, "RegistryId"));
            var rules = ecr.describeRegistry(b -> { }).replicationConfiguration().rules();
            assertEquals("us-west-2", rules.get(0).destinations().get(0).region());
            assertEquals("prod", rules.get(0).repositoryFilters().get(0).filter());

            // In place: the detector's Configuration and the replication rules.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(namespace, "Average", "Europe/Paris", "eu-west-1")));
            Stack inPlace = settle(name);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals(detectorId, output(inPlace, "DetectorRef"));
            assertEquals("Europe/Paris", detectors(cw, namespace).get(0).configuration().metricTimezone());
            assertEquals("eu-west-1", ecr.describeRegistry(b -> { }).replicationConfiguration().rules().get(0)
                    .destinations().get(0).region());

            // Replacement: the metric (SingleMetricAnomalyDetector); the old detector is deleted.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(namespace, "p99", "Europe/Paris", "eu-west-1")));
            Stack replaced = settle(name);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertTrue(!detectorId.equals(output(replaced, "DetectorRef")));
            assertEquals(List.of("p99"), detectors(cw, namespace).stream().map(d -> d.singleMetricAnomalyDetector()
                    .stat()).toList());

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertTrue(detectors(cw, namespace).isEmpty());
            assertTrue(ecr.describeRegistry(b -> { }).replicationConfiguration().rules().isEmpty());
        }
    }

    @Test
    void aDetectorWithoutAMetricFailsWithCloudWatchsReason() {
        String name = unique("monitoring-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Nothing:
                    Type: AWS::CloudWatch::AnomalyDetector
                    Properties:
                      Configuration: {MetricTimeZone: UTC}
                """)).stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Nothing") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("One of SingleMetricAnomalyDetector or MetricMathAnomalyDetector must be"
                + " specified."), reason);
    }

    private static final String PUBLIC_REPOSITORY = """
            Parameters:
              Name: {Type: String}
              Description: {Type: String}
            Resources:
              Public:
                Type: AWS::ECR::PublicRepository
                Properties:
                  RepositoryName: !Ref Name
                  RepositoryCatalogData:
                    RepositoryDescription: !Ref Description
                    Architectures: [ARM 64, x86-64]
                    OperatingSystems: [Linux]
                  RepositoryPolicyText:
                    Version: '2012-10-17'
                    Statement:
                      - {Sid: Push, Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'},
                         Action: ['ecr-public:PutImage']}
                  Tags:
                    - {Key: team, Value: web}
            Outputs:
              Ref: {Value: !Ref Public}
              Arn: {Value: !GetAtt Public.Arn}
            """;

    private static List<Parameter> publicParameters(String name, String description) {
        return List.of(Parameter.builder().parameterKey("Name").parameterValue(name).build(),
                Parameter.builder().parameterKey("Description").parameterValue(description).build());
    }

    @Test
    void publicRepositoryIsCreatedUpdatedReplacedAndDeleted() {
        String stack = unique("public-repo");
        String name = unique("web");
        try (EcrPublicClient ecrPublic = AwsClients.client(EcrPublicClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(stack).templateBody(PUBLIC_REPOSITORY)
                    .parameters(publicParameters(name, "first")));
            Stack created = settle(stack);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            assertEquals(name, output(created, "Ref"));
            var repo = ecrPublic.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
            assertEquals(repo.repositoryArn(), output(created, "Arn"));
            assertEquals("arn:aws:ecr-public::000000000000:repository/" + name, repo.repositoryArn());
            assertEquals("first", ecrPublic.getRepositoryCatalogData(b -> b.repositoryName(name)).catalogData()
                    .description());
            assertTrue(ecrPublic.getRepositoryPolicy(b -> b.repositoryName(name)).policyText()
                    .contains("ecr-public:PutImage"));
            assertTrue(ecrPublic.listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags().stream()
                    .anyMatch(t -> t.key().equals("team") && t.value().equals("web")));

            cfn.updateStack(b -> b.stackName(stack).templateBody(PUBLIC_REPOSITORY)
                    .parameters(publicParameters(name, "second")));
            Stack inPlace = settle(stack);
            assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
            assertEquals("second", ecrPublic.getRepositoryCatalogData(b -> b.repositoryName(name)).catalogData()
                    .description());

            String renamed = unique("web");
            cfn.updateStack(b -> b.stackName(stack).templateBody(PUBLIC_REPOSITORY)
                    .parameters(publicParameters(renamed, "second")));
            Stack replaced = settle(stack);
            assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
            assertNotEquals(output(created, "Arn"), output(replaced, "Arn"));
            assertThrows(software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException.class,
                    () -> ecrPublic.describeRepositories(b -> b.repositoryNames(name)));

            cfn.deleteStack(b -> b.stackName(stack));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            assertThrows(software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException.class,
                    () -> ecrPublic.describeRepositories(b -> b.repositoryNames(renamed)));
        }
    }

    /** ECR Public answers in us-east-1 only: elsewhere the resource fails with its UnsupportedCommandException. */
    @Test
    void inAnotherRegionTheRepositoryFails() {
        String stack = unique("public-west");
        try (CloudFormationClient west = AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(), "test",
                "us-west-2")) {
            west.createStack(b -> b.stackName(stack).templateBody(PUBLIC_REPOSITORY)
                    .parameters(publicParameters(unique("west"), "d")));
            Stack s = null;
            for (int i = 0; i < 600; i++) {
                s = west.describeStacks(b -> b.stackName(stack)).stacks().get(0);
                if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                    break;
                }
                advance();
            }
            assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
            List<StackEvent> events = west.describeStackEvents(b -> b.stackName(stack)).stackEvents();
            assertTrue(events.stream().anyMatch(e -> "CREATE_FAILED".equals(e.resourceStatusAsString())
                    && e.resourceStatusReason() != null
                    && e.resourceStatusReason().contains("command is only supported in us-east-1")),
                    events.toString());
        }
    }
}
