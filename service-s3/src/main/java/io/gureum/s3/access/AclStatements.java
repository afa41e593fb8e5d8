package io.gureum.s3.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.s3.Owners;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;

/**
 * ACL grants as the policy statements they amount to, per the mapping of ACL permissions to access
 * policy permissions in https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions.
 * A canonical-user grantee becomes its account's root principal, AllUsers {@code *}, AuthenticatedUsers
 * {@code *} limited to signed requests, LogDelivery the S3 logging service principal.
 */
public final class AclStatements {
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static final Map<String, List<String>> BUCKET = Map.of(
            "READ", List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
            "WRITE", List.of("s3:PutObject", "s3:DeleteObject"),
            "READ_ACP", List.of("s3:GetBucketAcl"),
            "WRITE_ACP", List.of("s3:PutBucketAcl"));
    private static final Map<String, List<String>> OBJECT = Map.of(
            "READ", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"),
            "READ_ACP", List.of("s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
            "WRITE_ACP", List.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl"));
    private static final List<String> ORDER = List.of("READ", "WRITE", "READ_ACP", "WRITE_ACP");

    private AclStatements() {
    }

    /** Whether a grant is public: to AllUsers or AuthenticatedUsers (the meaning of "public" for ACLs). */
    public static boolean isPublic(Grant grant) {
        Grantee g = grant.grantee();
        return g != null && (ALL_USERS.equals(g.uri()) || AUTHENTICATED_USERS.equals(g.uri()));
    }

    /**
     * Appends the statements of a bucket's grants. WRITE on a bucket lets the grantee create objects
     * (and, per the mapping table, delete them), so its statement names the bucket's objects.
     */
    public static void bucketGrants(String bucket, List<Grant> grants, ArrayNode into) {
        String bucketArn = "arn:aws:s3:::" + bucket;
        for (Grant grant : grants) {
            for (String permission : expand(grant.permissionAsString())) {
                List<String> actions = BUCKET.get(permission);
                if (actions == null) {
                    continue;
                }
                add(into, "BucketAcl" + permission, grant.grantee(), actions,
                        "WRITE".equals(permission) ? bucketArn + "/*" : bucketArn);
            }
        }
    }

    /** Appends the statements of an object's grants (WRITE does not apply to objects). */
    public static void objectGrants(String objectArn, List<Grant> grants, ArrayNode into) {
        for (Grant grant : grants) {
            for (String permission : expand(grant.permissionAsString())) {
                List<String> actions = OBJECT.get(permission);
                if (actions != null) {
                    add(into, "ObjectAcl" + permission, grant.grantee(), actions, objectArn);
                }
            }
        }
    }

    private static List<String> expand(String permission) {
        return "FULL_CONTROL".equals(permission) ? ORDER : permission == null ? List.of() : List.of(permission);
    }

    private static void add(ArrayNode into, String sid, Grantee grantee, List<String> actions, String resource) {
        if (grantee == null) {
            return;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode s = f.objectNode();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        if (grantee.id() != null) {
            String account = Owners.account(grantee.id());
            if (account == null) {
                return; // a canonical ID of no account this server knows grants nobody
            }
            s.putObject("Principal").put("AWS", "arn:aws:iam::" + account + ":root");
        } else if (ALL_USERS.equals(grantee.uri())) {
            s.put("Principal", "*");
        } else if (AUTHENTICATED_USERS.equals(grantee.uri())) {
            s.put("Principal", "*");
            // Any signed request of any account; anonymous requests carry no principal account.
            s.putObject("Condition").putObject("Null").put("aws:PrincipalAccount", "false");
        } else if (LOG_DELIVERY.equals(grantee.uri())) {
            s.putObject("Principal").put("Service", "logging.s3.amazonaws.com");
        } else {
            return;
        }
        ArrayNode a = s.putArray("Action");
        actions.forEach(a::add);
        s.put("Resource", resource);
        into.add(s);
    }
}
