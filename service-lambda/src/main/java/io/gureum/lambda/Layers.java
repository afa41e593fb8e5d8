package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.AddLayerVersionPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddLayerVersionPermissionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionByArnRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionByArnResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionPolicyResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.ListLayerVersionsRequest;
import software.amazon.awssdk.services.lambda.model.ListLayerVersionsResponse;
import software.amazon.awssdk.services.lambda.model.ListLayersRequest;
import software.amazon.awssdk.services.lambda.model.ListLayersResponse;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.RemoveLayerVersionPermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemoveLayerVersionPermissionResponse;

/**
 * Provider of the layer operations (https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html):
 * PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayers, ListLayerVersions,
 * DeleteLayerVersion and the layer version permissions. Content comes from {@code ZipFile} or S3 like a
 * function's package and is stored in the same {@link CodeStore}. Another account reads a version only
 * through a permission statement naming its account (or {@code *}).
 */
final class Layers {
    private final ServiceContext context;
    private final FunctionLookup lookup;
    private final DeploymentPackages packages;

    Layers(ServiceContext context, FunctionLookup lookup, DeploymentPackages packages) {
        this.context = context;
        this.lookup = lookup;
        this.packages = packages;
    }

    /** A {@code LayerName}: a name (the caller's account and region) or a layer ARN. */
    record Ref(String account, String region, String name) {
        static Ref parse(String layerName) {
            if (layerName.startsWith("arn:")) {
                Arn arn = Arn.parse(layerName);
                return new Ref(arn.accountId(), arn.region(), arn.resource().substring("layer:".length()));
            }
            RequestContext ctx = RequestContext.current();
            return new Ref(ctx.accountId(), ctx.region(), layerName);
        }

        String arn() {
            return Arn.of("lambda", region, account, "layer:" + name).toString();
        }
    }

    // ---- publish ----------------------------------------------------------------------------

    public PublishLayerVersionResponse publishLayerVersion(PublishLayerVersionRequest r) {
        Ref ref = ownRef(r.layerName());
        LambdaStore store = lookup.stores().get(ref.account(), ref.region());
        Layer layer = store.layers.computeIfAbsent(ref.name(), n -> new Layer(n, ref.arn()));
        CodeStore.Code code = packages.load(r.content().zipFile(), r.content().s3Bucket(), r.content().s3Key(),
                r.content().s3ObjectVersion(), layer.arn, "PublishLayerVersion");
        LayerVersion v;
        synchronized (layer) {
            layer.lastVersion++;
            v = new LayerVersion(layer.name, layer.arn, layer.lastVersion,
                    r.description() == null ? "" : r.description(),
                    LambdaStore.lastModified(context.clock().now()),
                    r.hasCompatibleRuntimes() ? r.compatibleRuntimesAsStrings() : List.of(),
                    r.hasCompatibleArchitectures() ? r.compatibleArchitecturesAsStrings() : List.of(),
                    r.licenseInfo(), code, ref.account(), ref.region());
            layer.versions.put(v.version(), v);
        }
        return PublishLayerVersionResponse.builder().content(v.content(location(v))).layerArn(v.layerArn())
                .layerVersionArn(v.layerVersionArn()).description(v.description()).createdDate(v.createdDate())
                .version(v.version())
                .compatibleRuntimesWithStrings(v.compatibleRuntimes().isEmpty() ? null : v.compatibleRuntimes())
                .compatibleArchitecturesWithStrings(
                        v.compatibleArchitectures().isEmpty() ? null : v.compatibleArchitectures())
                .licenseInfo(v.licenseInfo()).build();
    }

    // ---- read -------------------------------------------------------------------------------

    public GetLayerVersionResponse getLayerVersion(GetLayerVersionRequest r) {
        Ref ref = Ref.parse(r.layerName());
        return getResponse(readable(ref, r.versionNumber()));
    }

    public GetLayerVersionByArnResponse getLayerVersionByArn(GetLayerVersionByArnRequest r) {
        int colon = r.arn().lastIndexOf(':');
        Ref ref = Ref.parse(r.arn().substring(0, colon));
        GetLayerVersionResponse g = getResponse(readable(ref, Long.parseLong(r.arn().substring(colon + 1))));
        return Responses.copy(g, GetLayerVersionByArnResponse.builder()).build();
    }

    private GetLayerVersionResponse getResponse(LayerVersion v) {
        return GetLayerVersionResponse.builder().content(v.content(location(v))).layerArn(v.layerArn())
                .layerVersionArn(v.layerVersionArn()).description(v.description()).createdDate(v.createdDate())
                .version(v.version())
                .compatibleRuntimesWithStrings(v.compatibleRuntimes().isEmpty() ? null : v.compatibleRuntimes())
                .compatibleArchitecturesWithStrings(
                        v.compatibleArchitectures().isEmpty() ? null : v.compatibleArchitectures())
                .licenseInfo(v.licenseInfo()).build();
    }

    /** Layers of the caller's account and region with their latest version matching the filters, by name. */
    public ListLayersResponse listLayers(ListLayersRequest r) {
        int size = Pages.size(r.maxItems(), 50, 50);
        List<LayersListItem> all = new ArrayList<>();
        for (Layer layer : lookup.current().layers.values()) {
            LayerVersion latest = null;
            synchronized (layer) {
                for (LayerVersion v : layer.versions.descendingMap().values()) {
                    if (v.matches(r.compatibleRuntimeAsString(), r.compatibleArchitectureAsString())) {
                        latest = v;
                        break;
                    }
                }
            }
            if (latest != null) {
                all.add(LayersListItem.builder().layerName(layer.name).layerArn(layer.arn)
                        .latestMatchingVersion(latest.listItem()).build());
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListLayersResponse.Builder b = ListLayersResponse.builder()
                .layers(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    /** A layer's versions, newest first; a layer without versions lists none (no error). */
    public ListLayerVersionsResponse listLayerVersions(ListLayerVersionsRequest r) {
        int size = Pages.size(r.maxItems(), 50, 50);
        Ref ref = Ref.parse(r.layerName());
        Layer layer = lookup.stores().get(ref.account(), ref.region()).layers.get(ref.name());
        List<LayerVersionsListItem> all = new ArrayList<>();
        if (layer != null) {
            synchronized (layer) {
                for (LayerVersion v : layer.versions.descendingMap().values()) {
                    if (v.matches(r.compatibleRuntimeAsString(), r.compatibleArchitectureAsString())
                            && mayRead(layer, v.version())) {
                        all.add(v.listItem());
                    }
                }
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListLayerVersionsResponse.Builder b = ListLayerVersionsResponse.builder()
                .layerVersions(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    // ---- delete -----------------------------------------------------------------------------

    /** Idempotent: deleting a version that does not exist succeeds (the operation has no not-found error). */
    public DeleteLayerVersionResponse deleteLayerVersion(DeleteLayerVersionRequest r) {
        Ref ref = ownRef(r.layerName());
        Layer layer = lookup.stores().get(ref.account(), ref.region()).layers.get(ref.name());
        if (layer != null) {
            synchronized (layer) {
                layer.versions.remove(r.versionNumber());
                layer.policies.remove(r.versionNumber());
                layer.policyRevisions.remove(r.versionNumber());
            }
        }
        return DeleteLayerVersionResponse.builder().build();
    }

    // ---- permissions ------------------------------------------------------------------------

    /**
     * Renders a statement as Lambda does, e.g. {@code {"Sid":"xaccount","Effect":"Allow","Principal":"*",
     * "Action":"lambda:GetLayerVersion","Resource":"arn:aws:lambda:us-east-2:123456789012:layer:my-layer:1"}}
     * (https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html); an organization
     * becomes a {@code StringEquals aws:PrincipalOrgID} condition.
     */
    public AddLayerVersionPermissionResponse addLayerVersionPermission(AddLayerVersionPermissionRequest r) {
        Ref ref = ownRef(r.layerName());
        Layer layer = existing(ref, r.versionNumber());
        ObjectNode s = LambdaJson.MAPPER.createObjectNode();
        s.put("Sid", r.statementId());
        s.put("Effect", "Allow");
        String principal = r.principal();
        if (principal.matches("\\d{12}")) {
            s.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else if (principal.equals("*")) {
            s.put("Principal", "*");
        } else {
            s.putObject("Principal").put("AWS", principal);
        }
        s.put("Action", r.action());
        s.put("Resource", layer.arn + ":" + r.versionNumber());
        if (r.organizationId() != null) {
            s.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", r.organizationId());
        }
        String revision;
        synchronized (layer) {
            if (!layer.versions.containsKey(r.versionNumber())) {
                throw notFound();
            }
            String current = layer.policyRevisions.get(r.versionNumber());
            if (r.revisionId() != null && !r.revisionId().equals(current)) {
                throw LambdaErrors.revisionMismatch();
            }
            Map<String, ObjectNode> policy = layer.policy(r.versionNumber());
            if (policy.containsKey(r.statementId())) {
                throw LambdaErrors.conflict("The statement id (" + r.statementId() + ") provided already exists. "
                        + "Please provide a new statement id, or remove the existing statement.");
            }
            policy.put(r.statementId(), s);
            revision = context.ids().requestId();
            layer.policyRevisions.put(r.versionNumber(), revision);
        }
        return AddLayerVersionPermissionResponse.builder().statement(write(s)).revisionId(revision).build();
    }

    public RemoveLayerVersionPermissionResponse removeLayerVersionPermission(RemoveLayerVersionPermissionRequest r) {
        Ref ref = ownRef(r.layerName());
        Layer layer = existing(ref, r.versionNumber());
        synchronized (layer) {
            String current = layer.policyRevisions.get(r.versionNumber());
            if (r.revisionId() != null && !r.revisionId().equals(current)) {
                throw LambdaErrors.revisionMismatch();
            }
            Map<String, ObjectNode> policy = layer.policy(r.versionNumber());
            if (policy.remove(r.statementId()) == null) {
                throw LambdaErrors.notFound("Statement " + r.statementId() + " is not found in resource policy.");
            }
            layer.policyRevisions.put(r.versionNumber(), context.ids().requestId());
        }
        return RemoveLayerVersionPermissionResponse.builder().build();
    }

    public GetLayerVersionPolicyResponse getLayerVersionPolicy(GetLayerVersionPolicyRequest r) {
        Ref ref = ownRef(r.layerName());
        Layer layer = existing(ref, r.versionNumber());
        synchronized (layer) {
            Map<String, ObjectNode> policy = layer.policy(r.versionNumber());
            if (policy.isEmpty()) {
                throw LambdaErrors.notFound("No policy is associated with the given resource.");
            }
            ObjectNode doc = LambdaJson.MAPPER.createObjectNode();
            doc.put("Version", "2012-10-17");
            doc.put("Id", "default");
            policy.values().forEach(doc.putArray("Statement")::add);
            return GetLayerVersionPolicyResponse.builder().policy(write(doc))
                    .revisionId(layer.policyRevisions.get(r.versionNumber())).build();
        }
    }

    // ---- lookups shared with functions --------------------------------------------------------

    /**
     * The version a caller may read: its own, or another account's whose policy grants the caller's account
     * (or every account) {@code lambda:GetLayerVersion}; a version that does not exist is not found.
     */
    LayerVersion readable(Ref ref, long version) {
        Layer layer = lookup.stores().get(ref.account(), ref.region()).layers.get(ref.name());
        if (layer == null) {
            throw notFound();
        }
        synchronized (layer) {
            LayerVersion v = layer.versions.get(version);
            if (v == null) {
                throw notFound();
            }
            if (!mayRead(layer, version)) {
                throw accessDenied(v.layerVersionArn());
            }
            return v;
        }
    }

    /** Whether the caller may read a version (caller holds the layer's lock). */
    private boolean mayRead(Layer layer, long version) {
        String caller = RequestContext.current().accountId();
        if (Arn.parse(layer.arn).accountId().equals(caller)) {
            return true;
        }
        for (ObjectNode s : layer.policy(version).values()) {
            var p = s.get("Principal");
            String principal = p.isTextual() ? p.asText() : p.path("AWS").asText();
            if (principal.equals("*") || principal.equals(caller) || principal.equals("arn:aws:iam::" + caller + ":root")) {
                return true;
            }
        }
        return false;
    }

    private Layer existing(Ref ref, long version) {
        Layer layer = lookup.stores().get(ref.account(), ref.region()).layers.get(ref.name());
        if (layer == null) {
            throw notFound();
        }
        synchronized (layer) {
            if (!layer.versions.containsKey(version)) {
                throw notFound();
            }
        }
        return layer;
    }

    /** A layer the caller changes must be its own. */
    private static Ref ownRef(String layerName) {
        Ref ref = Ref.parse(layerName);
        RequestContext ctx = RequestContext.current();
        if (!ref.account().equals(ctx.accountId()) || !ref.region().equals(ctx.region())) {
            throw accessDenied(ref.arn());
        }
        return ref;
    }

    private static RuntimeException notFound() {
        return LambdaErrors.notFound("The resource you requested does not exist.");
    }

    private static RuntimeException accessDenied(String arn) {
        RequestContext ctx = RequestContext.current();
        return new io.gureum.core.error.AwsException("AccessDeniedException", "User: arn:aws:iam::"
                + ctx.accountId() + ":root is not authorized to perform: lambda:GetLayerVersion on resource: " + arn,
                403);
    }

    private String location(LayerVersion v) {
        return "http://" + RequestContext.current().host()
                + LambdaAdmin.layerPath(v.account(), v.region(), v.layerName(), v.version());
    }

    private static String write(ObjectNode node) {
        try {
            return LambdaJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
