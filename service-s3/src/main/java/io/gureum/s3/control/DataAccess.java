package io.gureum.s3.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.model.*;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * S3 Access Grants' answers to a caller: ListCallerAccessGrants, and GetDataAccess, which vends credentials for the
 * caller's most specific matching grant by assuming the location's role through STS.
 */
final class DataAccess {
    private static final String LOCATION = AccessGrants.LOCATION;
    private static final String GRANT = AccessGrants.GRANT;
    private static final String SERVICE_PRINCIPAL = AccessGrants.SERVICE_PRINCIPAL;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = AccessGrants.JSON;

    private final ControlState state;
    private final Kept kept;
    private final AccessGrants grants;

    DataAccess(ControlState state, Kept kept, AccessGrants grants) {
        this.state = state;
        this.kept = kept;
        this.grants = grants;
    }

    private static String text(Kept.Entry e, String field) {
        return AccessGrants.text(e, field);
    }

    private static String region() {
        return AccessGrants.region();
    }

    private Kept.Entry instance(String accountId) {
        return grants.instance(accountId);
    }

    private static boolean within(String target, String scope) {
        return AccessGrants.within(target, scope);
    }

    private static String prefix(String s) {
        return AccessGrants.prefix(s);
    }

    private static Grantee grantee(Kept.Entry g) {
        return AccessGrantsLocations.grantee(g);
    }

    /** The grants of the caller (an IAM principal: its ARN, or its role's for a role session). */
    public ListCallerAccessGrantsResponse listCallerAccessGrants(ListCallerAccessGrantsRequest request) {
        Kept.Entry instance = instance(request.accountId());
        String caller = callerArn();
        List<Kept.Entry> all = kept.list(GRANT, instance.account(), instance.region()).stream()
                .filter(g -> grantedTo(g, caller)
                        && (request.grantScope() == null || within(request.grantScope(), text(g, "scope"))))
                .toList();
        AccessGrants.Page page = AccessGrants.page(all, request.maxResults(), request.nextToken());
        return ListCallerAccessGrantsResponse.builder().nextToken(page.next())
                .callerAccessGrantsList(page.items().stream().map(g -> ListCallerAccessGrantsEntry.builder()
                        .permission(text(g, "permission")).grantScope(text(g, "scope"))
                        .applicationArn(text(g, "application")).build()).toList())
                .build();
    }

    /**
     * Credentials for {@code Target} with {@code Permission}: the caller's most specific grant whose scope contains
     * the target and whose permission covers the one asked (READWRITE covers both) is matched, and its location's
     * role is assumed through STS as {@code access-grants.s3.amazonaws.com}, with a session policy limiting the
     * credentials to the grant's scope (or, with Privilege Minimal, to the target).
     */
    public GetDataAccessResponse getDataAccess(GetDataAccessRequest request) {
        Kept.Entry instance = instance(request.accountId());
        String target = request.target();
        AccessGrants.checkScope(target, "InvalidRequest", "The target is invalid: " + target);
        String permission = request.permissionAsString();
        String caller = callerArn();
        Kept.Entry best = null;
        for (Kept.Entry g : kept.list(GRANT, instance.account(), instance.region())) {
            if (grantedTo(g, caller) && covers(text(g, "permission"), permission) && within(target, text(g, "scope"))
                    && (best == null || prefix(text(g, "scope")).length() > prefix(text(best, "scope")).length())) {
                best = g;
            }
        }
        if (best == null) {
            throw new AwsException("AccessDenied", "You do not have " + permission
                    + " permissions to the requested S3 Prefix: " + target, 403);
        }
        Kept.Entry location = kept.get(LOCATION, instance.account(), instance.region(), text(best, "location"));
        if (!state.context.clients().serves(StsClient.class)) {
            throw new AwsException("NotImplemented", "GetDataAccess needs STS to assume the location's role, and this "
                    + "server does not serve STS", 501);
        }
        String scope = "Minimal".equals(request.privilegeAsString()) ? target : text(best, "scope");
        StsClient sts = state.context.clients().client(StsClient.class,
                Caller.service(SERVICE_PRINCIPAL, instance.account(), instance.region(), best.arn()));
        AssumeRoleResponse assumed;
        try {
            assumed = sts.assumeRole(b -> b.roleArn(text(location, "role")).roleSessionName("access-grants-"
                    + state.context.ids().hex(8)).durationSeconds(request.durationSeconds() == null ? 3600
                            : request.durationSeconds()).policy(sessionPolicy(scope, permission)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 403) {
                throw new AwsException("StsNotAuthorizedError", "User: " + SERVICE_PRINCIPAL
                        + " is not authorized to perform: sts:AssumeRole on resource: " + text(location, "role"), 403);
            }
            throw new AwsException("StsValidationError", e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage(), 400);
        }
        software.amazon.awssdk.services.sts.model.Credentials c = assumed.credentials();
        return GetDataAccessResponse.builder().credentials(Credentials.builder().accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretAccessKey()).sessionToken(c.sessionToken()).expiration(c.expiration()).build())
                .matchedGrantTarget(text(best, "scope")).grantee(grantee(best)).build();
    }

    /** READ: reads and listings; WRITE: writes and deletes; of objects under the scope and its bucket's listing. */
    static String sessionPolicy(String scope, String permission) {
        String path = scope.substring("s3://".length());
        String bucket = path.isEmpty() ? "*" : path.split("/", 2)[0];
        String objects = path.isEmpty() ? "*" : path.endsWith("*") ? path : path + "*";
        List<String> actions = new ArrayList<>();
        if (!permission.equals("WRITE")) {
            actions.addAll(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
                    "s3:ListMultipartUploadParts"));
        }
        if (!permission.equals("READ")) {
            actions.addAll(List.of("s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:DeleteObject",
                    "s3:DeleteObjectVersion", "s3:AbortMultipartUpload"));
        }
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        var statements = doc.putArray("Statement");
        ObjectNode objectStatement = statements.addObject().put("Effect", "Allow");
        actions.forEach(objectStatement.putArray("Action")::add);
        objectStatement.put("Resource", "arn:aws:s3:::" + objects);
        statements.addObject().put("Effect", "Allow").put("Action", "s3:ListBucket")
                .put("Resource", "arn:aws:s3:::" + bucket);
        return doc.toString();
    }

    private static boolean covers(String granted, String asked) {
        return granted.equals(asked) || granted.equals("READWRITE");
    }

    /** An IAM grant to the caller's ARN or, for a role session, to its role. */
    private static boolean grantedTo(Kept.Entry g, String caller) {
        if (caller == null || !"IAM".equals(text(g, "granteeType"))) {
            return false;
        }
        String id = text(g, "granteeIdentifier");
        return id.equals(caller) || id.equals(roleOf(caller));
    }

    /** {@code arn:aws:sts::A:assumed-role/R/s} is role {@code arn:aws:iam::A:role/R} (path not known: none). */
    static String roleOf(String sessionArn) {
        java.util.regex.Matcher m = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.*")
                .matcher(sessionArn);
        return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : null;
    }

    /** The caller's principal ARN, from its access key ({@code arn:aws:iam::A:root} for an account's own key). */
    private String callerArn() {
        RequestContext ctx = RequestContext.current();
        if (ctx.principal() != null) {
            return ctx.principal();
        }
        return ctx.accessKeyId() == null ? null : state.context.accounts().lookup(ctx.accessKeyId())
                .map(io.gureum.core.auth.Accounts.AccessKey::principalArn)
                .orElse("arn:aws:iam::" + ctx.accountId() + ":root");
    }
}
