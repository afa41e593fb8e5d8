package io.gureum.lambda;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

/**
 * Provider of the function URL configuration operations: Create/Get/Update/Delete/ListFunctionUrlConfig(s),
 * for the unqualified function or an alias. The URL is Gureum's loopback form of AWS's
 * {@code https://<url-id>.lambda-url.<region>.on.aws/}: {@code http://<url-id>.lambda-url.<region>.localhost:<port>/},
 * served by {@link FunctionUrlRequests} (also under {@code /_gureum/lambda/url/<url-id>/} for clients that
 * cannot set the Host).
 */
final class FunctionUrls {
    /** {@code CreationTime}/{@code LastModifiedTime}: ISO-8601 with milliseconds, as Lambda answers. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final ServiceContext context;
    private final FunctionLookup lookup;
    /** Every URL of the server by its id, for {@link FunctionUrlRequests}. */
    private final Map<String, FunctionUrl> byId = new ConcurrentHashMap<>();

    FunctionUrls(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    /** A URL restored from the data directory is served again. */
    void restored(FunctionUrl u) {
        byId.put(u.urlId(), u);
    }

    FunctionUrl byId(String urlId) {
        FunctionUrl u = byId.get(urlId);
        if (u == null) {
            return null;
        }
        LambdaFunction f = lookup.stores().get(u.account(), u.region()).functions.get(u.functionName());
        if (f == null || f.deleted) {
            byId.remove(urlId, u);
            return null;
        }
        synchronized (f) {
            FunctionUrl current = f.urls.get(key(u.qualifier()));
            return current != null && current.urlId().equals(urlId) ? current : null;
        }
    }

    /** The URL as Gureum serves it on the request's port. */
    static String url(FunctionUrl u) {
        String host = RequestContext.current().host();
        int colon = host.lastIndexOf(':');
        String port = colon < 0 || host.endsWith("]") ? "" : host.substring(colon);
        return "http://" + u.urlId() + ".lambda-url." + u.region() + ".localhost" + port + "/";
    }

    public CreateFunctionUrlConfigResponse createFunctionUrlConfig(CreateFunctionUrlConfigRequest r) {
        FunctionLookup.Resolved res = target(r.functionName(), r.qualifier());
        LambdaFunction f = res.function();
        String now = TIME.format(context.clock().now());
        FunctionUrl u;
        synchronized (f) {
            if (f.urls.containsKey(key(res.qualifier()))) {
                throw LambdaErrors.conflict("Failed to create function url config for [functionArn = "
                        + res.qualifiedArn() + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            u = new FunctionUrl(context.ids().hex(32), f.account, f.region, f.name, res.qualifier(),
                    r.authTypeAsString(), r.cors(), r.invokeModeAsString() == null ? "BUFFERED" : r.invokeModeAsString(),
                    now, now);
            f.urls.put(key(res.qualifier()), u);
        }
        byId.put(u.urlId(), u);
        return CreateFunctionUrlConfigResponse.builder().functionUrl(url(u)).functionArn(u.functionArn())
                .authType(u.authType()).cors(u.cors()).creationTime(u.creationTime()).invokeMode(u.invokeMode())
                .build();
    }

    public GetFunctionUrlConfigResponse getFunctionUrlConfig(GetFunctionUrlConfigRequest r) {
        FunctionUrl u = existing(r.functionName(), r.qualifier());
        return GetFunctionUrlConfigResponse.builder().functionUrl(url(u)).functionArn(u.functionArn())
                .authType(u.authType()).cors(u.cors()).creationTime(u.creationTime())
                .lastModifiedTime(u.lastModifiedTime()).invokeMode(u.invokeMode()).build();
    }

    public UpdateFunctionUrlConfigResponse updateFunctionUrlConfig(UpdateFunctionUrlConfigRequest r) {
        FunctionLookup.Resolved res = target(r.functionName(), r.qualifier());
        LambdaFunction f = res.function();
        FunctionUrl u;
        synchronized (f) {
            FunctionUrl old = f.urls.get(key(res.qualifier()));
            if (old == null) {
                throw notFound();
            }
            u = old.with(r.authTypeAsString(), r.cors(), r.invokeModeAsString(), TIME.format(context.clock().now()));
            f.urls.put(key(res.qualifier()), u);
        }
        byId.put(u.urlId(), u);
        return UpdateFunctionUrlConfigResponse.builder().functionUrl(url(u)).functionArn(u.functionArn())
                .authType(u.authType()).cors(u.cors()).creationTime(u.creationTime())
                .lastModifiedTime(u.lastModifiedTime()).invokeMode(u.invokeMode()).build();
    }

    public DeleteFunctionUrlConfigResponse deleteFunctionUrlConfig(DeleteFunctionUrlConfigRequest r) {
        FunctionLookup.Resolved res = target(r.functionName(), r.qualifier());
        FunctionUrl removed;
        synchronized (res.function()) {
            removed = res.function().urls.remove(key(res.qualifier()));
        }
        if (removed == null) {
            throw notFound();
        }
        byId.remove(removed.urlId());
        return DeleteFunctionUrlConfigResponse.builder().build();
    }

    public ListFunctionUrlConfigsResponse listFunctionUrlConfigs(ListFunctionUrlConfigsRequest r) {
        int size = Pages.size(r.maxItems(), 50, 50);
        LambdaFunction f = lookup.require(r.functionName());
        List<FunctionUrlConfig> all = new ArrayList<>();
        synchronized (f) {
            for (FunctionUrl u : f.urls.values()) {
                all.add(FunctionUrlConfig.builder().functionUrl(url(u)).functionArn(u.functionArn())
                        .authType(u.authType()).cors(u.cors()).creationTime(u.creationTime())
                        .lastModifiedTime(u.lastModifiedTime()).invokeMode(u.invokeMode()).build());
            }
        }
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListFunctionUrlConfigsResponse.Builder b = ListFunctionUrlConfigsResponse.builder()
                .functionUrlConfigs(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    private FunctionUrl existing(String functionName, String qualifier) {
        FunctionLookup.Resolved res = target(functionName, qualifier);
        synchronized (res.function()) {
            FunctionUrl u = res.function().urls.get(key(res.qualifier()));
            if (u == null) {
                throw notFound();
            }
            return u;
        }
    }

    /** The unqualified function or an alias (the model's qualifier pattern excludes version numbers). */
    private FunctionLookup.Resolved target(String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        if (ref.qualifier() != null && LambdaFunction.isVersion(ref.qualifier())) {
            lookup.require(ref);
            throw LambdaErrors.invalidParameter("Function URLs can be configured for the unqualified function or an "
                    + "alias, not for a version: " + ref.qualifier());
        }
        return lookup.resolve(functionName, qualifier);
    }

    private static String key(String qualifier) {
        return qualifier == null ? "" : qualifier;
    }

    private static RuntimeException notFound() {
        return LambdaErrors.notFound("The resource you requested does not exist.");
    }
}
