package io.gureum.s3.access;

import io.gureum.core.error.AwsException;
import io.gureum.s3.Owners;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * An ACL as a request states it, three ways that exclude each other: a canned ACL ({@code x-amz-acl}),
 * {@code x-amz-grant-*} headers, or an {@code AccessControlPolicy} body
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html). Each is checked as S3 checks
 * it and turned into the owner and grants S3 stores.
 */
public final class Acls {
    /** The canned ACLs (acl-overview.html#canned-acl). */
    private static final Set<String> CANNED = Set.of("private", "public-read", "public-read-write", "aws-exec-read",
            "authenticated-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");
    private static final Set<String> GROUPS = Set.of(AclStatements.ALL_USERS, AclStatements.AUTHENTICATED_USERS,
            AclStatements.LOG_DELIVERY);
    /**
     * Email grantees: "As of October 1, 2025, Amazon S3 has discontinued support for Email Grantee Access
     * Control Lists" in the Regions that had them, where such a request "will receive an HTTP 405";
     * elsewhere they were never supported (API_PutBucketAcl.html, API_Grantee.html).
     */
    private static final Set<String> EMAIL_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2", "ap-southeast-1",
            "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1");

    /** The {@code x-amz-grant-*} headers of a request, by permission. */
    public record GrantHeaders(String fullControl, String read, String readAcp, String write, String writeAcp) {
        public boolean any() {
            return fullControl != null || read != null || readAcp != null || write != null || writeAcp != null;
        }
    }

    private Acls() {
    }

    /** The ACL S3 gives a resource nobody set one on: its owner has FULL_CONTROL. */
    public static AccessControlPolicy ownerOnly(String owner) {
        return policy(owner, List.of(grant(user(owner), Permission.FULL_CONTROL)));
    }

    /**
     * The ACL a request states, or null when it states none (canned ACL, grant headers and body all
     * absent). {@code owner} owns the resource; {@code bucketOwner} is named by bucket-owner-* ACLs.
     */
    public static AccessControlPolicy of(String canned, GrantHeaders headers, AccessControlPolicy body, String owner,
            String bucketOwner, String region) {
        boolean grants = headers != null && headers.any();
        if (canned != null && grants) {
            throw new AwsException("InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed",
                    400);
        }
        if (body != null && (canned != null || grants)) {
            throw new AwsException("UnexpectedContent", "This request does not support content", 400);
        }
        if (canned != null) {
            return canned(canned, owner, bucketOwner);
        }
        if (grants) {
            List<Grant> list = new ArrayList<>();
            header(list, "x-amz-grant-full-control", headers.fullControl(), Permission.FULL_CONTROL, region);
            header(list, "x-amz-grant-read", headers.read(), Permission.READ, region);
            header(list, "x-amz-grant-read-acp", headers.readAcp(), Permission.READ_ACP, region);
            header(list, "x-amz-grant-write", headers.write(), Permission.WRITE, region);
            header(list, "x-amz-grant-write-acp", headers.writeAcp(), Permission.WRITE_ACP, region);
            return policy(owner, list);
        }
        return body == null ? null : body(body, owner, region);
    }

    /** A canned ACL's grants (the table in acl-overview.html#canned-acl). */
    static AccessControlPolicy canned(String canned, String owner, String bucketOwner) {
        if (!CANNED.contains(canned)) {
            throw invalidArgument("Invalid canned ACL: " + canned);
        }
        List<Grant> grants = new ArrayList<>();
        grants.add(grant(user(owner), Permission.FULL_CONTROL));
        switch (canned) {
            case "public-read" -> grants.add(grant(group(AclStatements.ALL_USERS), Permission.READ));
            case "public-read-write" -> {
                grants.add(grant(group(AclStatements.ALL_USERS), Permission.READ));
                grants.add(grant(group(AclStatements.ALL_USERS), Permission.WRITE));
            }
            case "authenticated-read" -> grants.add(grant(group(AclStatements.AUTHENTICATED_USERS), Permission.READ));
            case "bucket-owner-read" -> {
                if (!bucketOwner.equals(owner)) {
                    grants.add(grant(user(bucketOwner), Permission.READ));
                }
            }
            case "bucket-owner-full-control" -> {
                if (!bucketOwner.equals(owner)) {
                    grants.add(grant(user(bucketOwner), Permission.FULL_CONTROL));
                }
            }
            case "log-delivery-write" -> {
                grants.add(grant(group(AclStatements.LOG_DELIVERY), Permission.WRITE));
                grants.add(grant(group(AclStatements.LOG_DELIVERY), Permission.READ_ACP));
            }
            default -> {
            }
        }
        return policy(owner, grants);
    }

    /** Whether an ACL grants anything to AllUsers or AuthenticatedUsers. */
    public static boolean isPublic(AccessControlPolicy acl) {
        return acl != null && acl.grants().stream().anyMatch(AclStatements::isPublic);
    }

    /** Whether an ACL grants nothing but FULL_CONTROL to the bucket owner: what BucketOwnerEnforced accepts. */
    public static boolean bucketOwnerFullControlOnly(AccessControlPolicy acl, String bucketOwner) {
        String id = Owners.canonicalId(bucketOwner);
        return acl.grants().stream().allMatch(g -> g.permission() == Permission.FULL_CONTROL && g.grantee() != null
                && id.equals(g.grantee().id()));
    }

    /** {@code id="…", uri="…", emailAddress="…"}, comma-separated; values may be quoted. */
    private static void header(List<Grant> into, String name, String value, Permission permission, String region) {
        if (value == null) {
            return;
        }
        for (String part : value.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw invalidArgument("Argument format not recognized");
            }
            String type = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            Grantee grantee = switch (type) {
                case "id" -> canonicalUser(v);
                case "uri" -> groupGrantee(v);
                case "emailaddress" -> throw email(region);
                default -> throw invalidArgument("Argument format not recognized");
            };
            into.add(grant(grantee, permission));
        }
    }

    /** An AccessControlPolicy body: an Owner, and grants each with a grantee of a known type and a permission. */
    private static AccessControlPolicy body(AccessControlPolicy body, String owner, String region) {
        if (body.owner() == null || body.owner().id() == null) {
            throw malformed();
        }
        List<Grant> grants = new ArrayList<>();
        for (Grant g : body.grants()) {
            Grantee grantee = g.grantee();
            if (grantee == null || g.permission() == null || g.permission() == Permission.UNKNOWN_TO_SDK_VERSION) {
                throw malformed();
            }
            Type type = grantee.type();
            if (type == Type.AMAZON_CUSTOMER_BY_EMAIL || grantee.emailAddress() != null) {
                throw email(region);
            }
            if (type == Type.CANONICAL_USER) {
                grants.add(grant(canonicalUser(grantee.id()), g.permission()));
            } else if (type == Type.GROUP) {
                grants.add(grant(groupGrantee(grantee.uri()), g.permission()));
            } else {
                throw malformed();
            }
        }
        return policy(owner, grants);
    }

    /** A canonical user ID S3 handed out (the accounts' IDs come from ListBuckets, GetBucketAcl …). */
    private static Grantee canonicalUser(String id) {
        String account = Owners.account(id);
        if (account == null) {
            throw invalidArgument("Invalid id");
        }
        return user(account);
    }

    private static Grantee groupGrantee(String uri) {
        if (uri == null || !GROUPS.contains(uri)) {
            throw invalidArgument("Invalid group uri");
        }
        return group(uri);
    }

    private static AwsException email(String region) {
        return EMAIL_REGIONS.contains(region)
                ? new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.",
                        405)
                : new AwsException("UnresolvableGrantByEmailAddress",
                        "The e-mail address you provided does not match any account on record.", 400);
    }

    private static AwsException malformed() {
        return new AwsException("MalformedACLError",
                "The XML you provided was not well-formed or did not validate against our published schema", 400);
    }

    private static AwsException invalidArgument(String message) {
        return new AwsException("InvalidArgument", message, 400);
    }

    private static AccessControlPolicy policy(String owner, List<Grant> grants) {
        return AccessControlPolicy.builder().owner(Owner.builder().id(Owners.canonicalId(owner)).build())
                .grants(grants).build();
    }

    private static Grant grant(Grantee grantee, Permission permission) {
        return Grant.builder().grantee(grantee).permission(permission).build();
    }

    private static Grantee user(String account) {
        return Grantee.builder().type(Type.CANONICAL_USER).id(Owners.canonicalId(account)).build();
    }

    private static Grantee group(String uri) {
        return Grantee.builder().type(Type.GROUP).uri(uri).build();
    }
}
