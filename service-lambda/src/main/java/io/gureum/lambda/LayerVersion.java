package io.gureum.lambda;

import java.util.List;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;

/**
 * One published version of a layer: its content (a stored zip, unzipped once) and metadata. Immutable;
 * a function keeps the versions it was configured with even after {@code DeleteLayerVersion}, as Lambda
 * does ("functions that use it continue to have access to it",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-layers.html).
 */
record LayerVersion(
        String layerName,
        String layerArn,
        long version,
        String description,
        String createdDate,
        List<String> compatibleRuntimes,
        List<String> compatibleArchitectures,
        String licenseInfo,
        CodeStore.Code code,
        String account,
        String region) {

    LayerVersion {
        compatibleRuntimes = List.copyOf(compatibleRuntimes);
        compatibleArchitectures = List.copyOf(compatibleArchitectures);
    }

    String layerVersionArn() {
        return layerArn + ":" + version;
    }

    LayerVersionContentOutput content(String location) {
        return LayerVersionContentOutput.builder().location(location).codeSha256(code.sha256())
                .codeSize(code.size()).build();
    }

    LayerVersionsListItem listItem() {
        return LayerVersionsListItem.builder().layerVersionArn(layerVersionArn()).version(version)
                .description(description).createdDate(createdDate)
                .compatibleRuntimesWithStrings(compatibleRuntimes.isEmpty() ? null : compatibleRuntimes)
                .compatibleArchitecturesWithStrings(compatibleArchitectures.isEmpty() ? null : compatibleArchitectures)
                .licenseInfo(licenseInfo).build();
    }

    /** The entry of a function configuration's {@code Layers}. */
    Layer attached() {
        return Layer.builder().arn(layerVersionArn()).codeSize(code.size()).build();
    }

    /** Whether the list filters of ListLayers/ListLayerVersions select this version. */
    boolean matches(String runtime, String architecture) {
        return (runtime == null || compatibleRuntimes.contains(runtime))
                && (architecture == null || compatibleArchitectures.contains(architecture));
    }
}
