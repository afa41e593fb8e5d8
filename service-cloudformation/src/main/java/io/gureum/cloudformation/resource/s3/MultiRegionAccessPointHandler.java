package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.AsyncOperation;
import software.amazon.awssdk.services.s3control.model.MultiRegionAccessPointReport;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.Region;

/**
 * {@code AWS::S3::MultiRegionAccessPoint} through S3 Control's asynchronous requests
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-multiregionaccesspoint.html).
 * {@code Ref} is the name; {@code Fn::GetAtt} gives {@code Alias} and {@code CreatedAt}. Every property is
 * create-only (a change replaces it). The request's outcome is read with DescribeMultiRegionAccessPointOperation:
 * Gureum carries the request out before answering, so no wait is needed; a failed one fails the resource with
 * its error.
 */
public final class MultiRegionAccessPointHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "PublicAccessBlockConfiguration", "Regions");

    @Override
    public String type() {
        return "AWS::S3::MultiRegionAccessPoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.has("Name") ? r.text("Name") : r.generatedLowerCaseName(50);
        List<Region> regions = new ArrayList<>();
        JsonNode list = r.property("Regions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ResourceFailure("Property Regions cannot be empty.");
        }
        list.forEach(x -> regions.add(Region.builder().bucket(Json.text(x, "Bucket"))
                .bucketAccountId(Json.text(x, "BucketAccountId")).build()));
        JsonNode block = r.property("PublicAccessBlockConfiguration");
        PublicAccessBlockConfiguration pab = block == null || !block.isObject() ? null
                : PublicAccessBlockConfiguration.builder().blockPublicAcls(Json.bool(block, "BlockPublicAcls"))
                        .ignorePublicAcls(Json.bool(block, "IgnorePublicAcls"))
                        .blockPublicPolicy(Json.bool(block, "BlockPublicPolicy"))
                        .restrictPublicBuckets(Json.bool(block, "RestrictPublicBuckets")).build();
        S3ControlClient control = r.client(S3ControlClient.class);
        String token = control.createMultiRegionAccessPoint(c -> c.accountId(account).clientToken(clientToken(r))
                .details(d -> d.name(name).regions(regions).publicAccessBlock(pab))).requestTokenARN();
        outcome(control, account, token);
        MultiRegionAccessPointReport mrap = control.getMultiRegionAccessPoint(g -> g.accountId(account).name(name))
                .accessPoint();
        return Created.of(name).attribute("Alias", mrap.alias()).attribute("CreatedAt", mrap.createdAt().toString());
    }

    /**
     * The asynchronous request's client token: one per stack operation and resource, so a retried request of the
     * same operation is the same request (S3 answers its first token again).
     */
    static String clientToken(ResourceRequest r) {
        return java.util.UUID.nameUUIDFromBytes((r.requestToken() + "/" + r.logicalId() + "/" + r.nameSuffix())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The asynchronous request's end: a failure fails the resource with the request's error. */
    static void outcome(S3ControlClient control, String account, String token) {
        AsyncOperation op = control.describeMultiRegionAccessPointOperation(d -> d.accountId(account)
                .requestTokenARN(token)).asyncOperation();
        if ("FAILED".equals(op.requestStatus())) {
            var error = op.responseDetails().errorDetails();
            throw new ResourceFailure(error.message() + " (" + error.code() + ")");
        }
    }

    @Override
    public void delete(ResourceRequest r) {
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        try {
            control.getMultiRegionAccessPoint(g -> g.accountId(account).name(r.physicalId()));
        } catch (AwsServiceException e) {
            if (ControlTags.notFound(e)) {
                return; // already gone
            }
            throw e;
        }
        String token = control.deleteMultiRegionAccessPoint(d -> d.accountId(account).clientToken(clientToken(r))
                .details(x -> x.name(r.physicalId()))).requestTokenARN();
        outcome(control, account, token);
    }
}
