package io.gureum.s3.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.protocol.RequestContext;
import io.gureum.s3.access.PublicPolicies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3control.model.*;

/**
 * S3 Object Lambda access points
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/transforming-objects.html): named per account and
 * Region, each over one standard access point of the same account and Region (the supporting access point), with
 * transformation configurations naming the Lambda function that answers GetObject, HeadObject, ListObjects or
 * ListObjectsV2 made through it, an alias ({@code <name prefix>-<random>--ol-s3}) usable as a bucket name, and a
 * policy. Their Block Public Access settings are all on and cannot be changed (GetAccessPointForObjectLambda's
 * reference). S3 serves the requests made through them ({@code io.gureum.s3.ObjectLambdaRequests}).
 */
final class ObjectLambdaAccessPoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESULTS = 1000;
    /** "Object Lambda access point restrictions": up to 1,000 per account and Region. */
    static final int PER_REGION = 1000;
    /** The model's ObjectLambdaAccessPointName: 3 to 45 lowercase letters, digits and inner hyphens. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]{1,43})[a-z0-9]");
    private static final ControlState.Block ALL_ON = new ControlState.Block(true, true, true, true);

    private final ControlState state;

    ObjectLambdaAccessPoints(ControlState state) {
        this.state = state;
    }

    public CreateAccessPointForObjectLambdaResponse createAccessPointForObjectLambda(
            CreateAccessPointForObjectLambdaRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String region = RequestContext.current().region();
        String name = request.name();
        if (!NAME.matcher(name).matches()) {
            throw ControlErrors.invalidRequest("Your Object Lambda Access Point name is invalid: " + name);
        }
        JsonNode configuration = checked(account, region, request.configuration());
        synchronized (state) {
            if (state.objectLambda(account, region, name) != null) {
                throw new AwsException("AccessPointAlreadyOwnedByYou",
                        "Your previous request to create the named accesspoint succeeded and you already own it.", 409);
            }
            if (state.objectLambdas(account, region).size() >= PER_REGION) {
                throw ControlErrors.invalidRequest("You have reached the maximum number of Object Lambda Access "
                        + "Points (" + PER_REGION + ") in this Region");
            }
            String prefix = name.length() > 20 ? name.substring(0, 20) : name;
            while (prefix.endsWith("-")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            String alias = prefix + "-" + state.context.ids().hex(30) + "--ol-s3";
            String arn = Arn.of("s3-object-lambda", region, account, "accesspoint/" + name).toString();
            ControlState.ObjectLambdaPoint p = new ControlState.ObjectLambdaPoint(name, account, region, arn, alias,
                    configuration, null, state.context.clock().now());
            state.put(p);
            return CreateAccessPointForObjectLambdaResponse.builder().objectLambdaAccessPointArn(arn)
                    .alias(alias(p)).build();
        }
    }

    /**
     * The supporting access point must be a standard access point of the caller's account in this Region, and
     * each action may be transformed by one configuration only.
     */
    private JsonNode checked(String account, String region, ObjectLambdaConfiguration c) {
        ControlState.AccessPoint supporting = state.byArn(c.supportingAccessPoint());
        if (supporting == null || !supporting.account().equals(account) || !supporting.region().equals(region)) {
            throw new AwsException("NoSuchAccessPoint", "The specified supporting access point does not exist: "
                    + c.supportingAccessPoint(), 404);
        }
        if (!c.hasTransformationConfigurations() || c.transformationConfigurations().isEmpty()) {
            throw ControlErrors.invalidRequest("TransformationConfigurations must contain at least one configuration");
        }
        Set<String> actions = new HashSet<>();
        for (ObjectLambdaTransformationConfiguration t : c.transformationConfigurations()) {
            if (!t.hasActions() || t.actions().isEmpty()) {
                throw ControlErrors.invalidRequest("Actions must contain at least one action");
            }
            for (String a : t.actionsAsStrings()) {
                if (!actions.add(a)) {
                    throw ControlErrors.invalidRequest("The action " + a
                            + " appears in more than one transformation configuration");
                }
            }
            AwsLambdaTransformation lambda = t.contentTransformation() == null ? null
                    : t.contentTransformation().awsLambda();
            if (lambda == null) {
                throw ControlErrors.invalidRequest("ContentTransformation must name an AwsLambda function");
            }
        }
        return SdkJson.toJson(c);
    }

    public GetAccessPointForObjectLambdaResponse getAccessPointForObjectLambda(
            GetAccessPointForObjectLambdaRequest request) {
        ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
        return GetAccessPointForObjectLambdaResponse.builder().name(p.name())
                .publicAccessBlockConfiguration(AccessPoints.configuration(ALL_ON)).creationDate(p.created())
                .alias(alias(p)).build();
    }

    public DeleteAccessPointForObjectLambdaResponse deleteAccessPointForObjectLambda(
            DeleteAccessPointForObjectLambdaRequest request) {
        synchronized (state) {
            state.remove(require(request.accountId(), request.name()));
        }
        return DeleteAccessPointForObjectLambdaResponse.builder().build();
    }

    /** By name, MaxResults (default and at most 1,000) a page. */
    public ListAccessPointsForObjectLambdaResponse listAccessPointsForObjectLambda(
            ListAccessPointsForObjectLambdaRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        int max = request.maxResults() == null || request.maxResults() == 0 ? MAX_RESULTS
                : Math.min(request.maxResults(), MAX_RESULTS);
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken());
        List<ObjectLambdaAccessPoint> page = new ArrayList<>();
        String next = null;
        for (ControlState.ObjectLambdaPoint p : state.objectLambdas(account, RequestContext.current().region())) {
            if (after != null && p.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.get(page.size() - 1).name().getBytes(StandardCharsets.UTF_8));
                break;
            }
            page.add(ObjectLambdaAccessPoint.builder().name(p.name()).objectLambdaAccessPointArn(p.arn())
                    .alias(alias(p)).build());
        }
        return ListAccessPointsForObjectLambdaResponse.builder().objectLambdaAccessPointList(page).nextToken(next)
                .build();
    }

    public GetAccessPointConfigurationForObjectLambdaResponse getAccessPointConfigurationForObjectLambda(
            GetAccessPointConfigurationForObjectLambdaRequest request) {
        ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
        return GetAccessPointConfigurationForObjectLambdaResponse.builder().configuration(p.config()).build();
    }

    public PutAccessPointConfigurationForObjectLambdaResponse putAccessPointConfigurationForObjectLambda(
            PutAccessPointConfigurationForObjectLambdaRequest request) {
        synchronized (state) {
            ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
            state.put(p.withConfiguration(checked(p.account(), p.region(), request.configuration())));
        }
        return PutAccessPointConfigurationForObjectLambdaResponse.builder().build();
    }

    /** Block Public Access is always on for Object Lambda access points: a public policy is refused. */
    public PutAccessPointPolicyForObjectLambdaResponse putAccessPointPolicyForObjectLambda(
            PutAccessPointPolicyForObjectLambdaRequest request) {
        synchronized (state) {
            ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
            if (PublicPolicies.isPublic(parse(request.policy()))) {
                throw ControlErrors.accessDenied();
            }
            state.put(p.withPolicy(request.policy()));
        }
        return PutAccessPointPolicyForObjectLambdaResponse.builder().build();
    }

    public GetAccessPointPolicyForObjectLambdaResponse getAccessPointPolicyForObjectLambda(
            GetAccessPointPolicyForObjectLambdaRequest request) {
        ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
        if (p.policy() == null) {
            throw ControlErrors.noSuchAccessPointPolicy();
        }
        return GetAccessPointPolicyForObjectLambdaResponse.builder().policy(p.policy()).build();
    }

    public DeleteAccessPointPolicyForObjectLambdaResponse deleteAccessPointPolicyForObjectLambda(
            DeleteAccessPointPolicyForObjectLambdaRequest request) {
        synchronized (state) {
            state.put(require(request.accountId(), request.name()).withPolicy(null));
        }
        return DeleteAccessPointPolicyForObjectLambdaResponse.builder().build();
    }

    public GetAccessPointPolicyStatusForObjectLambdaResponse getAccessPointPolicyStatusForObjectLambda(
            GetAccessPointPolicyStatusForObjectLambdaRequest request) {
        ControlState.ObjectLambdaPoint p = require(request.accountId(), request.name());
        if (p.policy() == null) {
            throw ControlErrors.noSuchAccessPointPolicy();
        }
        return GetAccessPointPolicyStatusForObjectLambdaResponse.builder()
                .policyStatus(PolicyStatus.builder().isPublic(PublicPolicies.isPublic(parse(p.policy()))).build())
                .build();
    }

    /** Gureum provisions the alias with the access point: it is READY at once (AWS may say PROVISIONING first). */
    private static ObjectLambdaAccessPointAlias alias(ControlState.ObjectLambdaPoint p) {
        return ObjectLambdaAccessPointAlias.builder().value(p.alias())
                .status(ObjectLambdaAccessPointAliasStatus.READY).build();
    }

    private ControlState.ObjectLambdaPoint require(String accountId, String name) {
        String account = ControlErrors.callerAccount(accountId);
        ControlState.ObjectLambdaPoint p = state.objectLambda(account, RequestContext.current().region(), name);
        if (p == null) {
            throw ControlErrors.noSuchAccessPoint();
        }
        return p;
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ControlErrors.invalidRequest("The continuation token provided is incorrect");
        }
    }

    private static JsonNode parse(String policy) {
        try {
            JsonNode doc = policy == null ? null : JSON.readTree(policy);
            if (doc != null && doc.isObject()) {
                return doc;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new AwsException("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
    }
}
