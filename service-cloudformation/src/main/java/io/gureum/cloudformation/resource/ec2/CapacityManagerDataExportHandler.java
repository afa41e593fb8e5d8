package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::CapacityManagerDataExport}: CreateCapacityManagerDataExport, which needs EC2 Capacity Manager
 * enabled in the Region (no CloudFormation type enables it; EC2's {@code IncorrectState} fails the resource
 * otherwise). {@code Ref} is the export's ID; {@code Fn::GetAtt} gives {@code CapacityManagerDataExportId},
 * {@code CreateTime} and the latest delivery's {@code LatestDeliveryStatus}, {@code LatestDeliveryStatusMessage},
 * {@code LatestDeliveryS3LocationUri} and {@code LatestDeliveryTime} (read again when a resource or output needs
 * them: deliveries change them hourly). OutputFormat, S3BucketName, S3BucketPrefix and Schedule replace it (the
 * resource reference marks them "Replacement"); Tags change in place (CreateTags/DeleteTags). Delete is
 * DeleteCapacityManagerDataExport (files already delivered stay in S3).
 */
public final class CapacityManagerDataExportHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("OutputFormat", "S3BucketName", "S3BucketPrefix", "Schedule",
            "Tags");

    @Override
    public String type() {
        return "AWS::EC2::CapacityManagerDataExport";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("OutputFormat", "S3BucketName", "S3BucketPrefix", "Schedule");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String token = UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String id = ec2(r).createCapacityManagerDataExport(b -> b.s3BucketName(r.requiredText("S3BucketName"))
                .s3BucketPrefix(r.text("S3BucketPrefix")).schedule(r.requiredText("Schedule"))
                .outputFormat(r.requiredText("OutputFormat")).clientToken(token)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.CAPACITY_MANAGER_DATA_EXPORT)))
                .capacityManagerDataExportId();
        return created(describe(r, id));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(r, r.physicalId()));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteCapacityManagerDataExport(b -> b
                .capacityManagerDataExportId(r.physicalId())));
    }

    @Override
    public Set<String> changingAttributes() {
        return Set.of("LatestDeliveryStatus", "LatestDeliveryStatusMessage", "LatestDeliveryS3LocationUri",
                "LatestDeliveryTime");
    }

    @Override
    public Map<String, JsonNode> attributesNow(ResourceRequest r) {
        return created(describe(r, r.physicalId())).attributes();
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        CapacityManagerDataExportResponse e = Ec2Support.described(() -> ec2(r).describeCapacityManagerDataExports(b -> b
                .capacityManagerDataExportIds(r.physicalId())).capacityManagerDataExports(), found -> false);
        if (e == null) {
            return null;
        }
        return new Drift(r).put("S3BucketName", e.s3BucketName()).put("S3BucketPrefix", e.s3BucketPrefix())
                .put("Schedule", e.scheduleAsString()).put("OutputFormat", e.outputFormatAsString()).result();
    }

    private static CapacityManagerDataExportResponse describe(ResourceRequest r, String id) {
        return ec2(r).describeCapacityManagerDataExports(b -> b.capacityManagerDataExportIds(id))
                .capacityManagerDataExports().get(0);
    }

    private static Created created(CapacityManagerDataExportResponse e) {
        return Created.of(e.capacityManagerDataExportId())
                .attribute("CapacityManagerDataExportId", e.capacityManagerDataExportId())
                .attribute("CreateTime", e.createTime() == null ? null : e.createTime().toString())
                .attribute("LatestDeliveryStatus", e.latestDeliveryStatusAsString())
                .attribute("LatestDeliveryStatusMessage", e.latestDeliveryStatusMessage())
                .attribute("LatestDeliveryS3LocationUri", e.latestDeliveryS3LocationUri())
                .attribute("LatestDeliveryTime", e.latestDeliveryTime() == null ? null
                        : e.latestDeliveryTime().toString());
    }
}
