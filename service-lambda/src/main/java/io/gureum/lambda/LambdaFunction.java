package io.gureum.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function with everything that hangs off it: {@code $LATEST}, published versions, aliases, its
 * resource policy, reserved concurrency and event invoke configs. Guard every read-modify-write with
 * {@code synchronized (function)}; single reads of the volatile {@link #latest} need no lock.
 */
final class LambdaFunction {
    final String name;
    final String arn;
    final String account;
    final String region;
    volatile FunctionVersion latest;
    final TreeMap<Integer, FunctionVersion> versions = new TreeMap<>();
    int lastVersion;
    final Map<String, Alias> aliases = new TreeMap<>();
    /** Resource policies by qualifier ("" for the unqualified function): statements by Sid, in order added. */
    final Map<String, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
    String policyRevisionId;
    /** Rendered policy documents by qualifier key, for the authorizer; cleared whenever {@link #policies} changes. */
    final Map<String, java.util.Optional<String>> policyDocuments = new java.util.concurrent.ConcurrentHashMap<>();
    volatile Integer reservedConcurrency;
    /** By qualifier ($LATEST, a version or an alias name). */
    final Map<String, EventInvokeConfig> invokeConfigs = new TreeMap<>();
    /** Provisioned concurrency by qualifier (a version number or an alias name). */
    final Map<String, ProvisionedConcurrency.Config> provisioned = new TreeMap<>();
    /** {@code RecursiveLoop}: Terminate unless set to Allow. */
    volatile String recursiveLoop = "Terminate";
    /** Runtime management by version ($LATEST or a number): {@code UpdateRuntimeOn} and the pinned version ARN. */
    final Map<String, String[]> runtimeManagement = new TreeMap<>();
    /** Function URLs by qualifier ("" for the unqualified function, else an alias name). */
    final Map<String, FunctionUrl> urls = new TreeMap<>();
    /** The code signing config's ARN, or null. */
    volatile String codeSigningConfigArn;
    /** Scaling configs of Lambda Managed Instances by published version. */
    final Map<String, software.amazon.awssdk.services.lambda.model.FunctionScalingConfig> scalingConfigs =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean deleted;

    LambdaFunction(String name, String arn, String account, String region, FunctionVersion latest) {
        this.name = name;
        this.arn = arn;
        this.account = account;
        this.region = region;
        this.latest = latest;
    }

    /** The version a version qualifier names: {@code $LATEST} or a published number; null when there is none. */
    synchronized FunctionVersion version(String qualifier) {
        if (qualifier == null || FunctionVersion.LATEST.equals(qualifier)) {
            return latest;
        }
        try {
            return versions.get(Integer.parseInt(qualifier));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    synchronized Alias alias(String name) {
        return aliases.get(name);
    }

    /** Whether a qualifier names a version ($LATEST or a number) rather than an alias. */
    static boolean isVersion(String qualifier) {
        return FunctionVersion.LATEST.equals(qualifier) || qualifier.chars().allMatch(Character::isDigit);
    }
}
