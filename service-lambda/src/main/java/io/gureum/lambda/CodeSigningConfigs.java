package io.gureum.lambda;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.CodeSigningPolicies;
import software.amazon.awssdk.services.lambda.model.CodeVerificationFailedException;
import software.amazon.awssdk.services.lambda.model.CreateCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.CreateCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListCodeSigningConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListCodeSigningConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsByCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsByCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.UpdateCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateCodeSigningConfigResponse;

/**
 * Provider of code signing configs (https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html)
 * and their association with functions. Gureum has no AWS Signer: no deployment package carries a signature it
 * could verify against the allowed signing profiles, so every package counts as unsigned. Under
 * {@code UntrustedArtifactOnDeployment: Enforce} a function's code deployments are therefore refused
 * ({@link #checkDeployment}); under {@code Warn} (the default) they proceed, as AWS lets unsigned code deploy
 * with a warning.
 */
final class CodeSigningConfigs {
    private final ServiceContext context;
    private final FunctionLookup lookup;

    CodeSigningConfigs(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public CreateCodeSigningConfigResponse createCodeSigningConfig(CreateCodeSigningConfigRequest r) {
        LambdaStore store = lookup.current();
        String id = "csc-" + context.ids().hex(17);
        String arn = Arn.of("lambda", store.region, store.account, "code-signing-config:" + id).toString();
        CodeSigningConfig c = CodeSigningConfig.builder().codeSigningConfigId(id).codeSigningConfigArn(arn)
                .description(r.description() == null ? "" : r.description()).allowedPublishers(r.allowedPublishers())
                .codeSigningPolicies(r.codeSigningPolicies() == null
                        ? CodeSigningPolicies.builder().untrustedArtifactOnDeployment("Warn").build()
                        : r.codeSigningPolicies())
                .lastModified(LambdaStore.lastModified(context.clock().now())).build();
        store.codeSigningConfigs.put(arn, c);
        if (r.hasTags() && !r.tags().isEmpty()) {
            context.registry().register(store.account, store.region, "lambda", "code-signing-config:" + id,
                    Arn.parse(arn));
            context.registry().tag(Arn.parse(arn), r.tags());
        }
        return CreateCodeSigningConfigResponse.builder().codeSigningConfig(c).build();
    }

    public GetCodeSigningConfigResponse getCodeSigningConfig(GetCodeSigningConfigRequest r) {
        return GetCodeSigningConfigResponse.builder().codeSigningConfig(require(r.codeSigningConfigArn())).build();
    }

    public UpdateCodeSigningConfigResponse updateCodeSigningConfig(UpdateCodeSigningConfigRequest r) {
        LambdaStore store = lookup.current();
        CodeSigningConfig updated;
        synchronized (store) {
            CodeSigningConfig.Builder b = require(r.codeSigningConfigArn()).toBuilder()
                    .lastModified(LambdaStore.lastModified(context.clock().now()));
            if (r.description() != null) {
                b.description(r.description());
            }
            if (r.allowedPublishers() != null) {
                b.allowedPublishers(r.allowedPublishers());
            }
            if (r.codeSigningPolicies() != null) {
                b.codeSigningPolicies(r.codeSigningPolicies());
            }
            updated = b.build();
            store.codeSigningConfigs.put(updated.codeSigningConfigArn(), updated);
        }
        return UpdateCodeSigningConfigResponse.builder().codeSigningConfig(updated).build();
    }

    /** A config that functions use cannot be deleted. */
    public DeleteCodeSigningConfigResponse deleteCodeSigningConfig(DeleteCodeSigningConfigRequest r) {
        CodeSigningConfig c = require(r.codeSigningConfigArn());
        LambdaStore store = lookup.current();
        if (!functionsOf(store, c.codeSigningConfigArn()).isEmpty()) {
            throw LambdaErrors.conflict("The code signing configuration cannot be deleted because it is used by one "
                    + "or more functions.");
        }
        store.codeSigningConfigs.remove(c.codeSigningConfigArn());
        return DeleteCodeSigningConfigResponse.builder().build();
    }

    public ListCodeSigningConfigsResponse listCodeSigningConfigs(ListCodeSigningConfigsRequest r) {
        int size = Pages.size(r.maxItems(), 10_000, 50);
        List<CodeSigningConfig> all = new ArrayList<>(lookup.current().codeSigningConfigs.values());
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListCodeSigningConfigsResponse.Builder b = ListCodeSigningConfigsResponse.builder()
                .codeSigningConfigs(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    public ListFunctionsByCodeSigningConfigResponse listFunctionsByCodeSigningConfig(
            ListFunctionsByCodeSigningConfigRequest r) {
        CodeSigningConfig c = require(r.codeSigningConfigArn());
        int size = Pages.size(r.maxItems(), 10_000, 50);
        List<String> all = functionsOf(lookup.current(), c.codeSigningConfigArn());
        int start = Pages.start(r.marker());
        int end = Math.min(all.size(), start + size);
        ListFunctionsByCodeSigningConfigResponse.Builder b = ListFunctionsByCodeSigningConfigResponse.builder()
                .functionArns(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }

    public PutFunctionCodeSigningConfigResponse putFunctionCodeSigningConfig(PutFunctionCodeSigningConfigRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        CodeSigningConfig c = require(r.codeSigningConfigArn());
        f.codeSigningConfigArn = c.codeSigningConfigArn();
        return PutFunctionCodeSigningConfigResponse.builder().codeSigningConfigArn(c.codeSigningConfigArn())
                .functionName(f.name).build();
    }

    /** A function without a config answers an empty {@code CodeSigningConfigArn}. */
    public GetFunctionCodeSigningConfigResponse getFunctionCodeSigningConfig(GetFunctionCodeSigningConfigRequest r) {
        LambdaFunction f = lookup.require(r.functionName());
        String arn = f.codeSigningConfigArn;
        return GetFunctionCodeSigningConfigResponse.builder().codeSigningConfigArn(arn == null ? "" : arn)
                .functionName(f.name).build();
    }

    public DeleteFunctionCodeSigningConfigResponse deleteFunctionCodeSigningConfig(
            DeleteFunctionCodeSigningConfigRequest r) {
        lookup.require(r.functionName()).codeSigningConfigArn = null;
        return DeleteFunctionCodeSigningConfigResponse.builder().build();
    }

    /**
     * Whether code may be deployed under a config (null: none). Under {@code Enforce}, Gureum's unsigned
     * packages fail AWS's signature validation.
     */
    static void checkDeployment(LambdaStore store, String configArn) {
        if (configArn == null) {
            return;
        }
        CodeSigningConfig c = store.codeSigningConfigs.get(configArn);
        if (c == null) {
            throw ModeledErrors.of(CodeSigningConfigNotFoundException.class,
                    "The code signing configuration cannot be found. Check that the provided configuration is not "
                            + "deleted: " + configArn + ".");
        }
        if (c.codeSigningPolicies() != null
                && "Enforce".equals(c.codeSigningPolicies().untrustedArtifactOnDeploymentAsString())) {
            throw ModeledErrors.of(CodeVerificationFailedException.class, "Lambda cannot deploy the function. The "
                    + "function or layer might be signed using a signature that the client is not configured to "
                    + "accept. Check the provided signature for " + configArn + ".");
        }
    }

    private CodeSigningConfig require(String arn) {
        CodeSigningConfig c = lookup.current().codeSigningConfigs.get(arn);
        if (c == null) {
            throw ModeledErrors.of(CodeSigningConfigNotFoundException.class,
                    "The code signing configuration cannot be found. Check that the provided configuration is not "
                            + "deleted: " + arn + ".");
        }
        return c;
    }

    private static List<String> functionsOf(LambdaStore store, String arn) {
        List<String> out = new ArrayList<>();
        for (LambdaFunction f : store.functions.values()) {
            if (!f.deleted && arn.equals(f.codeSigningConfigArn)) {
                out.add(f.arn);
            }
        }
        return out;
    }
}
