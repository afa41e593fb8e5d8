package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetTransformerResponse;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;

/**
 * AWS::Lambda::CodeSigningConfig, AWS::Logs::DeliveryDestination, LogAnomalyDetector and Transformer,
 * AWS::Events::EventBusPolicy and AWS::ECR::RegistryScanningConfiguration deployed by CreateStack, changed in place
 * and by replacement with UpdateStack, removed by DeleteStack, each read back through its service.
 */
class MoreServiceResourceTypesIT extends EndToEndSupport {
    static LambdaClient lambda;
    static CloudWatchLogsClient logs;
    static EventBridgeClient events;
    static EcrClient ecr;

    private static final String TEMPLATE = """
            Parameters:
              Mode: {Type: String}
              Sid: {Type: String}
              Frequency: {Type: String}
              DestinationName: {Type: String}
              Detector: {Type: String}
              Scan: {Type: String}
            Resources:
              Signing:
                Type: AWS::Lambda::CodeSigningConfig
                Properties:
                  Description: !Sub 'signing ${Mode}'
                  AllowedPublishers:
                    SigningProfileVersionArns:
                      - !Sub 'arn:aws:signer:${AWS::Region}:${AWS::AccountId}:/signing-profiles/course/abcdef0123'
                  CodeSigningPolicies: {UntrustedArtifactOnDeployment: !Ref Mode}
                  Tags: [{Key: mode, Value: !Ref Mode}]
              Group:
                Type: AWS::Logs::LogGroup
              Destination:
                Type: AWS::Logs::DeliveryDestination
                Properties:
                  Name: !Ref DestinationName
                  DestinationResourceArn: !Sub 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Group}'
                  DeliveryDestinationPolicy:
                    DeliveryDestinationName: !Ref DestinationName
                    DeliveryDestinationPolicy:
                      Version: '2012-10-17'
                      Statement:
                        - Sid: !Ref Sid
                          Effect: Allow
                          Principal: {AWS: '111122223333'}
                          Action: logs:CreateDelivery
                          Resource: '*'
                  Tags: [{Key: sid, Value: !Ref Sid}]
              Anomalies:
                Type: AWS::Logs::LogAnomalyDetector
                Properties:
                  DetectorName: !Ref Detector
                  LogGroupArnList: [!Sub 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Group}']
                  EvaluationFrequency: !Ref Frequency
                  AnomalyVisibilityTime: 14
              Transformer:
                Type: AWS::Logs::Transformer
                Properties:
                  LogGroupIdentifier: !Ref Group
                  TransformerConfig:
                    - ParseJSON: {}
                    - AddKeys:
                        Entries: [{Key: sid, Value: !Ref Sid}]
              BusPolicy:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: !Ref Sid
                  Statement:
                    Effect: Allow
                    Principal: {AWS: '111122223333'}
                    Action: events:PutEvents
                    Resource: !Sub 'arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'
              LegacyBusPolicy:
                Type: AWS::Events::EventBusPolicy
                Properties:
                  StatementId: legacy
                  Action: events:PutEvents
                  Principal: '444455556666'
              Scanning:
                Type: AWS::ECR::RegistryScanningConfiguration
                Properties:
                  ScanType: !Ref Scan
                  Rules:
                    - ScanFrequency: SCAN_ON_PUSH
                      RepositoryFilters: [{Filter: !Sub '${Sid}*', FilterType: WILDCARD}]
            Outputs:
              SigningRef: {Value: !Ref Signing}
              SigningArn: {Value: !GetAtt Signing.CodeSigningConfigArn}
              SigningId: {Value: !GetAtt Signing.CodeSigningConfigId}
              DestinationRef: {Value: !Ref Destination}
              DestinationArn: {Value: !GetAtt Destination.Arn}
              DestinationType: {Value: !GetAtt Destination.DeliveryDestinationType}
              AnomaliesRef: {Value: !Ref Anomalies}
              AnomaliesArn: {Value: !GetAtt Anomalies.AnomalyDetectorArn}
              AnomaliesStatus: {Value: !GetAtt Anomalies.AnomalyDetectorStatus}
              TransformerRef: {Value: !Ref Transformer}
              GroupArn: {Value: !GetAtt Group.Arn}
              Group: {Value: !Ref Group}
              BusPolicyRef: {Value: !Ref BusPolicy}
              ScanningRef: {Value: !Ref Scanning}
              ScanningId: {Value: !GetAtt Scanning.RegistryId}
            """;

    @BeforeAll
    static void serviceClients() {
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum);
        events = AwsClients.client(EventBridgeClient.builder(), gureum);
        ecr = AwsClients.client(EcrClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        lambda.close();
        logs.close();
        events.close();
        ecr.close();
    }

    private static List<Parameter> parameters(String mode, String sid, String frequency, String destination,
            String detector, String scan) {
        return List.of(p("Mode", mode), p("Sid", sid), p("Frequency", frequency), p("DestinationName", destination),
                p("Detector", detector), p("Scan", scan));
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

    private static String busPolicy() {
        String p = events.describeEventBus(b -> b.name("default")).policy();
        return p == null ? "" : p;
    }

    @Test
    void typesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("more-types");
        String destination = name + "-dest";
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                .parameters(parameters("Warn", "First", "FIVE_MIN", destination, "detector-a", "ENHANCED")));
        Stack created = settled(name, "CREATE_COMPLETE");

        // Lambda code signing config.
        String signing = output(created, "SigningRef");
        assertEquals(signing, output(created, "SigningArn"));
        assertTrue(signing.endsWith(":code-signing-config:" + output(created, "SigningId")), signing);
        assertTrue(output(created, "SigningId").startsWith("csc-"));
        CodeSigningConfig csc = lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(signing)).codeSigningConfig();
        assertEquals("signing Warn", csc.description());
        assertEquals("Warn", csc.codeSigningPolicies().untrustedArtifactOnDeploymentAsString());
        assertEquals(1, csc.allowedPublishers().signingProfileVersionArns().size());
        Map<String, String> tags = lambda.listTags(b -> b.resource(signing)).tags();
        assertEquals("Warn", tags.get("mode"));
        assertEquals(name, tags.get("aws:cloudformation:stack-name"));

        // Logs delivery destination, anomaly detector and transformer.
        String groupArn = output(created, "GroupArn").replaceAll(":\\*$", "");
        assertEquals(destination, output(created, "DestinationRef"));
        DeliveryDestination dd = logs.getDeliveryDestination(b -> b.name(destination)).deliveryDestination();
        assertEquals(dd.arn(), output(created, "DestinationArn"));
        assertEquals("CWL", output(created, "DestinationType"));
        assertEquals(groupArn, dd.deliveryDestinationConfiguration().destinationResourceArn());
        assertEquals("First", dd.tags().get("sid"));
        assertTrue(logs.getDeliveryDestinationPolicy(b -> b.deliveryDestinationName(destination)).policy()
                .deliveryDestinationPolicy().contains("First"));
        String detector = output(created, "AnomaliesRef");
        assertEquals(detector, output(created, "AnomaliesArn"));
        assertTrue(detector.contains(":anomaly-detector:"), detector);
        GetLogAnomalyDetectorResponse ad = logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detector));
        assertEquals(ad.anomalyDetectorStatusAsString(), output(created, "AnomaliesStatus"));
        assertEquals("FIVE_MIN", ad.evaluationFrequencyAsString());
        assertEquals("detector-a", ad.detectorName());
        assertEquals(14L, ad.anomalyVisibilityTime());
        String group = output(created, "Group");
        assertEquals(group, output(created, "TransformerRef"));
        GetTransformerResponse t = logs.getTransformer(b -> b.logGroupIdentifier(group));
        assertEquals(2, t.transformerConfig().size());
        assertNotNull(t.transformerConfig().get(0).parseJSON());
        assertEquals("First", t.transformerConfig().get(1).addKeys().entries().get(0).value());

        // EventBridge bus policy statements, both forms.
        assertEquals("default|First", output(created, "BusPolicyRef"));
        assertTrue(busPolicy().contains("\"First\"") && busPolicy().contains("\"legacy\""), busPolicy());
        assertTrue(busPolicy().contains("444455556666"), busPolicy());

        // ECR registry scanning configuration.
        assertEquals(output(created, "ScanningRef"), output(created, "ScanningId"));
        RegistryScanningConfiguration scan = ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration();
        assertEquals("ENHANCED", scan.scanTypeAsString());
        assertEquals("First*", scan.rules().get(0).repositoryFilters().get(0).filter());

        // In place: policy mode, statements, evaluation frequency, processors, scan type.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                .parameters(parameters("Enforce", "Second", "ONE_HOUR", destination, "detector-a", "BASIC")));
        Stack inPlace = settled(name, "UPDATE_COMPLETE");
        assertEquals(signing, output(inPlace, "SigningRef"));
        csc = lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(signing)).codeSigningConfig();
        assertEquals("Enforce", csc.codeSigningPolicies().untrustedArtifactOnDeploymentAsString());
        assertEquals("signing Enforce", csc.description());
        assertEquals("Enforce", lambda.listTags(b -> b.resource(signing)).tags().get("mode"));
        assertEquals(dd.arn(), output(inPlace, "DestinationArn"));
        DeliveryDestination dd2 = logs.getDeliveryDestination(b -> b.name(destination)).deliveryDestination();
        assertEquals("Second", dd2.tags().get("sid"));
        assertTrue(logs.getDeliveryDestinationPolicy(b -> b.deliveryDestinationName(destination)).policy()
                .deliveryDestinationPolicy().contains("Second"));
        assertEquals(detector, output(inPlace, "AnomaliesRef"));
        assertEquals("ONE_HOUR", logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detector))
                .evaluationFrequencyAsString());
        assertEquals("Second", logs.getTransformer(b -> b.logGroupIdentifier(group)).transformerConfig().get(1)
                .addKeys().entries().get(0).value());
        // The statement's new Sid replaces the policy resource: the old statement is gone, the new one there.
        assertEquals("default|Second", output(inPlace, "BusPolicyRef"));
        assertTrue(busPolicy().contains("\"Second\"") && !busPolicy().contains("\"First\""), busPolicy());
        assertTrue(busPolicy().contains("\"legacy\""), busPolicy());
        assertEquals("BASIC", ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration()
                .scanTypeAsString());

        // Replacement: the destination's and the detector's names.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                .parameters(parameters("Enforce", "Second", "ONE_HOUR", destination + "-2", "detector-b", "BASIC")));
        Stack replaced = settled(name, "UPDATE_COMPLETE");
        assertEquals(destination + "-2", output(replaced, "DestinationRef"));
        assertTrue(logs.describeDeliveryDestinations(b -> { }).deliveryDestinations().stream()
                .noneMatch(d -> d.name().equals(destination)));
        String detector2 = output(replaced, "AnomaliesRef");
        assertNotEquals(detector, detector2);
        assertEquals("detector-b", logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detector2)).detectorName());
        assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                () -> logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detector)));

        cfn.deleteStack(b -> b.stackName(name));
        settled(replaced.stackId(), "DELETE_COMPLETE");
        assertThrows(CodeSigningConfigNotFoundException.class,
                () -> lambda.getCodeSigningConfig(b -> b.codeSigningConfigArn(signing)));
        assertTrue(logs.describeDeliveryDestinations(b -> { }).deliveryDestinations().stream()
                .noneMatch(d -> d.name().startsWith(destination)));
        assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                () -> logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(detector2)));
        assertFalse(busPolicy().contains("Second") || busPolicy().contains("legacy"), busPolicy());
        RegistryScanningConfiguration after = ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration();
        assertEquals("BASIC", after.scanTypeAsString());
        assertTrue(after.rules().isEmpty(), after.toString());
    }
}
