package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.Delivery;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliverySource;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** AWS::Logs::DeliverySource (of an event bus) and AWS::Logs::Delivery deployed, updated, replaced and deleted. */
class LogsDeliveryTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              SourceName: {Type: String}
              Fields: {Type: CommaDelimitedList}
              Team: {Type: String}
            Resources:
              Bus:
                Type: AWS::Events::EventBus
                Properties: {Name: !Sub '${AWS::StackName}-bus'}
              Group:
                Type: AWS::Logs::LogGroup
                Properties: {LogGroupName: !Sub '/aws/vendedlogs/${AWS::StackName}'}
              Destination:
                Type: AWS::Logs::DeliveryDestination
                Properties:
                  Name: !Sub '${AWS::StackName}-dst'
                  DestinationResourceArn: !GetAtt Group.Arn
              Source:
                Type: AWS::Logs::DeliverySource
                Properties:
                  Name: !Ref SourceName
                  ResourceArn: !GetAtt Bus.Arn
                  LogType: INFO_LOGS
                  Tags: [{Key: team, Value: !Ref Team}]
              Delivery:
                Type: AWS::Logs::Delivery
                Properties:
                  DeliverySourceName: !Ref Source
                  DeliveryDestinationArn: !GetAtt Destination.Arn
                  RecordFields: !Ref Fields
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              SourceRef: {Value: !Ref Source}
              SourceArn: {Value: !GetAtt Source.Arn}
              SourceService: {Value: !GetAtt Source.Service}
              SourceResource: {Value: !Select [0, !GetAtt Source.ResourceArns]}
              DeliveryRef: {Value: !Ref Delivery}
              DeliveryArn: {Value: !GetAtt Delivery.Arn}
              DeliveryId: {Value: !GetAtt Delivery.DeliveryId}
              DeliveryType: {Value: !GetAtt Delivery.DeliveryDestinationType}
              BusArn: {Value: !GetAtt Bus.Arn}
            """;

    private static List<Parameter> parameters(String source, String fields, String team) {
        return List.of(p("SourceName", source), p("Fields", fields), p("Team", team));
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
    void sourcesAndDeliveriesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("deliveries");
        String source = unique("bus-info");
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(source, "message,event_bus_name", "a")));
            Stack created = settled(name, "CREATE_COMPLETE");
            assertEquals(source, output(created, "SourceRef"));
            DeliverySource s = logs.getDeliverySource(b -> b.name(source)).deliverySource();
            assertEquals(s.arn(), output(created, "SourceArn"));
            assertEquals("events", output(created, "SourceService"));
            assertEquals(output(created, "BusArn"), output(created, "SourceResource"));
            assertEquals("a", s.tags().get("team"));

            String id = output(created, "DeliveryRef");
            assertEquals(id, output(created, "DeliveryId"));
            Delivery d = logs.getDelivery(b -> b.id(id)).delivery();
            assertEquals(d.arn(), output(created, "DeliveryArn"));
            assertEquals("CWL", output(created, "DeliveryType"));
            assertEquals(source, d.deliverySourceName());
            assertEquals(List.of("message", "event_bus_name"), d.recordFields());
            assertEquals("a", d.tags().get("team"));

            // In place: the delivery's fields, both tags.
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(source, "message", "b")));
            Stack updated = settled(name, "UPDATE_COMPLETE");
            assertEquals(id, output(updated, "DeliveryRef"));
            assertEquals(List.of("message"), logs.getDelivery(b -> b.id(id)).delivery().recordFields());
            assertEquals("b", logs.getDelivery(b -> b.id(id)).delivery().tags().get("team"));
            assertEquals("b", logs.getDeliverySource(b -> b.name(source)).deliverySource().tags().get("team"));

            // Replacement: the source's Name, and so the delivery naming it; the old ones are deleted.
            String renamed = unique("bus-info2");
            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE)
                    .parameters(parameters(renamed, "message", "b")));
            Stack replaced = settled(name, "UPDATE_COMPLETE");
            String newId = output(replaced, "DeliveryRef");
            assertTrue(!newId.equals(id), newId);
            assertEquals(renamed, logs.getDelivery(b -> b.id(newId)).delivery().deliverySourceName());
            fails(ResourceNotFoundException.class, 400, "ResourceNotFoundException",
                    () -> logs.getDelivery(b -> b.id(id)));
            fails(ResourceNotFoundException.class, 400, "ResourceNotFoundException",
                    () -> logs.getDeliverySource(b -> b.name(source)));

            cfn.deleteStack(b -> b.stackName(name));
            assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
            fails(ResourceNotFoundException.class, 400, "ResourceNotFoundException",
                    () -> logs.getDelivery(b -> b.id(newId)));
            fails(ResourceNotFoundException.class, 400, "ResourceNotFoundException",
                    () -> logs.getDeliverySource(b -> b.name(renamed)));
        }
    }

    @Test
    void aSourceOfAnUnservedServiceFailsWithLogsError() {
        String name = unique("bad-source");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Source:
                    Type: AWS::Logs::DeliverySource
                    Properties:
                      Name: cf-access
                      ResourceArn: !Sub 'arn:aws:cloudfront::${AWS::AccountId}:distribution/E1234567890'
                      LogType: ACCESS_LOGS
                """));
        settled(name, "ROLLBACK_COMPLETE");
        String reason = cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .filter(e -> "Source".equals(e.logicalResourceId()) && "CREATE_FAILED".equals(e
                        .resourceStatusAsString())).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("ValidationException") || reason.contains("event buses"), reason);
        cfn.deleteStack(b -> b.stackName(name));
    }
}
