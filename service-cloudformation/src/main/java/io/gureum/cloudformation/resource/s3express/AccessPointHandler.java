package io.gureum.cloudformation.resource.s3express;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Set;

/**
 * {@code AWS::S3Express::AccessPoint}: an access point of a directory bucket
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-accesspoint.html).
 * Gureum's S3 Control does not emulate them: such an access point is named {@code <base>--<zone-id>--xa-s3}, has an
 * {@code arn:aws:s3express:...:accesspoint/...} ARN, an optional {@code Scope} (prefixes and permissions) and is
 * listed by {@code ListAccessPointsForDirectoryBuckets}; S3 Control answers 501 for {@code Scope} and that listing
 * and would keep the access point as one of a general purpose bucket. Create therefore fails the resource naming what
 * is missing, rather than creating an access point of the wrong kind. The type is registered so a template naming it
 * fails with that reason (not as an unknown type); replacement rules are the schema's createOnlyProperties.
 */
public final class AccessPointHandler implements ResourceHandler {
    static final String NOT_SERVED = "Gureum does not emulate access points of directory buckets "
            + "(AWS::S3Express::AccessPoint): S3 Control keeps no directory-bucket access points (names "
            + "<base>--<zone-id>--xa-s3, s3express ARNs, Scope, ListAccessPointsForDirectoryBuckets answer 501)";

    @Override
    public String type() {
        return "AWS::S3Express::AccessPoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Bucket", "BucketAccountId", "VpcConfiguration");
    }

    @Override
    public Created create(ResourceRequest r) {
        throw new ResourceFailure(NOT_SERVED, "InvalidRequest");
    }

    @Override
    public Created update(ResourceRequest r) {
        throw new ResourceFailure(NOT_SERVED, "InvalidRequest");
    }

    @Override
    public void delete(ResourceRequest r) {
        // Nothing was created.
    }
}
