package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's {@code Layers}: at most five layer versions of the function's region, no two of one layer,
 * each readable by the function's account, their code and the function's together at most 250 MB unzipped
 * (https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). {@code CompatibleRuntimes} and
 * {@code CompatibleArchitectures} are not checked: Lambda uses them only to filter ListLayers and
 * ListLayerVersions. The versions are merged in order into one directory, Lambda's {@code /opt}
 * ({@link CodeStore#merge}).
 */
final class FunctionLayers {
    static final int MAX_LAYERS = 5;

    /** The resolved versions and the merged directory (null without layers). */
    record Attached(List<LayerVersion> versions, Path optDirectory) {
        static final Attached NONE = new Attached(List.of(), null);
    }

    private final Layers layers;
    private final CodeStore codeStore;

    FunctionLayers(Layers layers, CodeStore codeStore) {
        this.layers = layers;
        this.codeStore = codeStore;
    }

    /** Resolves the ARNs (already checked against the shape's pattern) for a function of {@code functionArn}. */
    Attached resolve(List<String> arns, CodeStore.Code functionCode) {
        if (arns == null || arns.isEmpty()) {
            return Attached.NONE;
        }
        if (arns.size() > MAX_LAYERS) {
            throw LambdaErrors.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        RequestContext ctx = RequestContext.current();
        Map<String, String> byLayer = new HashMap<>();
        List<LayerVersion> versions = new ArrayList<>();
        for (String arn : arns) {
            int colon = arn.lastIndexOf(':');
            String layerArn = arn.substring(0, colon);
            String previous = byLayer.putIfAbsent(layerArn, arn);
            if (previous != null) {
                throw LambdaErrors.invalidParameter("Two different versions of the same layer are not allowed to be "
                        + "referenced in the same function. " + previous + " and " + arn
                        + " are versions of the same layer.");
            }
            Arn parsed = Arn.parse(layerArn);
            // AWS-managed "awslayer" ARNs and layers of another region do not exist for this function.
            if (parsed.accountId().isEmpty() || !parsed.region().equals(ctx.region())) {
                throw missing(arn);
            }
            try {
                versions.add(layers.readable(Layers.Ref.parse(layerArn), Long.parseLong(arn.substring(colon + 1))));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException
                    | NumberFormatException e) {
                throw missing(arn);
            }
        }
        long total = CodeStore.unzippedSize(functionCode.directory());
        for (LayerVersion v : versions) {
            total += CodeStore.unzippedSize(v.code().directory());
        }
        if (total > CodeStore.MAX_UNZIPPED) {
            throw LambdaErrors.invalidParameter("Function code combined with layers exceeds the maximum allowed size "
                    + "of " + CodeStore.MAX_UNZIPPED + " bytes. The actual size is " + total + " bytes.");
        }
        return new Attached(versions, codeStore.merge(versions.stream().map(LayerVersion::code).toList()));
    }

    private static RuntimeException missing(String arn) {
        return LambdaErrors.invalidParameter("Layer version " + arn + " does not exist.");
    }
}
