package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDataExportResponse;

/**
 * AWS::EC2::CapacityManagerDataExport deployed by CreateStack into a bucket of the stack, its tags changed in
 * place, replaced by a new prefix, removed by DeleteStack, each read back through EC2; and failing while
 * Capacity Manager is not enabled.
 */
class CapacityManagerDataExportTypeIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Prefix: {Type: String}
              Team: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Export:
                Type: AWS::EC2::CapacityManagerDataExport
                Properties:
                  S3BucketName: !Ref Bucket
                  S3BucketPrefix: !Ref Prefix
                  Schedule: hourly
                  OutputFormat: csv
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              ExportRef: {Value: !Ref Export}
              ExportId: {Value: !GetAtt Export.CapacityManagerDataExportId}
              Status: {Value: !GetAtt Export.LatestDeliveryStatus}
              Created: {Value: !GetAtt Export.CreateTime}
            """;

    private static List<Parameter> parameters(String prefix, String team) {
        return List.of(Parameter.builder().parameterKey("Prefix").parameterValue(prefix).build(),
                Parameter.builder().parameterKey("Team").parameterValue(team).build());
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static CapacityManagerDataExportResponse export(String id) {
        return ec2.describeCapacityManagerDataExports(b -> b.capacityManagerDataExportIds(id))
                .capacityManagerDataExports().get(0);
    }

    private static Map<String, String> tags(CapacityManagerDataExportResponse e) {
        return e.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    @Test
    void dataExportIsCreatedRetaggedReplacedAndDeleted() {
        String failing = unique("cmdefail");
        cfn.createStack(b -> b.stackName(failing).templateBody(TEMPLATE).parameters(parameters("a", "x")));
        Stack failed = settle(failing);
        assertEquals("ROLLBACK_COMPLETE", failed.stackStatusAsString());
        assertTrue(cfn.describeStackEvents(b -> b.stackName(failing)).stackEvents().stream().anyMatch(e -> "Export"
                .equals(e.logicalResourceId()) && e.resourceStatusReason() != null
                && e.resourceStatusReason().contains("Capacity Manager is not enabled")));

        ec2.enableCapacityManager(b -> { });
        String name = unique("cmde");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("exports/", "course")));
        Stack created = settled(name, "CREATE_COMPLETE");
        String id = output(created, "ExportRef");
        assertTrue(id.startsWith("cmde-"), id);
        assertEquals(id, output(created, "ExportId"));
        assertEquals("pending", output(created, "Status"));
        CapacityManagerDataExportResponse e = export(id);
        assertEquals(e.createTime().toString(), output(created, "Created"));
        assertEquals(physicalId(name, "Bucket"), e.s3BucketName());
        assertEquals("exports/", e.s3BucketPrefix());
        assertEquals("csv", e.outputFormatAsString());
        assertEquals("course", tags(e).get("team"));
        assertEquals(name, tags(e).get("aws:cloudformation:stack-name"));

        // Tags change in place.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("exports/", "ops")));
        Stack retagged = settled(name, "UPDATE_COMPLETE");
        assertEquals(id, output(retagged, "ExportRef"));
        assertEquals("ops", tags(export(id)).get("team"));

        // A new prefix replaces it.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters("other/", "ops")));
        Stack replaced = settled(name, "UPDATE_COMPLETE");
        String newId = output(replaced, "ExportRef");
        assertNotEquals(id, newId);
        assertEquals("other/", export(newId).s3BucketPrefix());
        AwsServiceException gone = assertThrows(AwsServiceException.class, () -> export(id));
        assertEquals("InvalidCapacityManagerDataExportId.NotFound", gone.awsErrorDetails().errorCode());

        cfn.deleteStack(b -> b.stackName(name));
        settled(created.stackId(), "DELETE_COMPLETE");
        assertThrows(AwsServiceException.class, () -> export(newId));
        assertEquals(0, ec2.getCapacityManagerAttributes(b -> { }).dataExportCount());
        ec2.disableCapacityManager(b -> { });
    }
}
