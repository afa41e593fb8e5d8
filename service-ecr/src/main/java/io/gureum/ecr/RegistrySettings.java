package io.gureum.ecr;

import java.util.ArrayList;
import software.amazon.awssdk.services.ecr.model.DeleteRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRegistryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.GetRegistryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutRegistryPolicyRequest;
import software.amazon.awssdk.services.ecr.model.PutRegistryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.PutRegistryScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutReplicationConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutReplicationConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ReplicationConfiguration;

/**
 * The registry's own policy and settings: the registry permissions policy, the scanning configuration (stored;
 * no scan runs) and the replication configuration (stored; nothing is replicated).
 */
final class RegistrySettings {
    private final EcrState state;

    RegistrySettings(EcrState state) {
        this.state = state;
    }

    public PutRegistryPolicyResponse putRegistryPolicy(PutRegistryPolicyRequest r) {
        Registry registry = state.registry(null);
        if (PolicyDocuments.parse(r.policyText()) == null) {
            throw EcrErrors.constraint("PolicyText", "Invalid registry policy provided");
        }
        registry.policyText = r.policyText();
        return PutRegistryPolicyResponse.builder().registryId(registry.account).policyText(registry.policyText)
                .build();
    }

    public GetRegistryPolicyResponse getRegistryPolicy(GetRegistryPolicyRequest r) {
        Registry registry = state.registry(null);
        if (registry.policyText == null) {
            throw EcrErrors.registryPolicyNotFound(registry.account);
        }
        return GetRegistryPolicyResponse.builder().registryId(registry.account).policyText(registry.policyText)
                .build();
    }

    public DeleteRegistryPolicyResponse deleteRegistryPolicy(DeleteRegistryPolicyRequest r) {
        Registry registry = state.registry(null);
        if (registry.policyText == null) {
            throw EcrErrors.registryPolicyNotFound(registry.account);
        }
        String text = registry.policyText;
        registry.policyText = null;
        return DeleteRegistryPolicyResponse.builder().registryId(registry.account).policyText(text).build();
    }

    public DescribeRegistryResponse describeRegistry(DescribeRegistryRequest r) {
        Registry registry = state.registry(null);
        return DescribeRegistryResponse.builder().registryId(registry.account).replicationConfiguration(
                ReplicationConfiguration.builder().rules(registry.replicationRules).build()).build();
    }

    public PutReplicationConfigurationResponse putReplicationConfiguration(PutReplicationConfigurationRequest r) {
        Registry registry = state.registry(null);
        registry.replicationRules = new ArrayList<>(r.replicationConfiguration().rules());
        return PutReplicationConfigurationResponse.builder().replicationConfiguration(
                ReplicationConfiguration.builder().rules(registry.replicationRules).build()).build();
    }

    public PutRegistryScanningConfigurationResponse putRegistryScanningConfiguration(
            PutRegistryScanningConfigurationRequest r) {
        Registry registry = state.registry(null);
        if (r.scanType() != null) {
            registry.scanType = r.scanTypeAsString();
        }
        registry.scanningRules = r.hasRules() ? new ArrayList<>(r.rules()) : new ArrayList<>();
        return PutRegistryScanningConfigurationResponse.builder().registryScanningConfiguration(scanning(registry))
                .build();
    }

    public GetRegistryScanningConfigurationResponse getRegistryScanningConfiguration(
            GetRegistryScanningConfigurationRequest r) {
        Registry registry = state.registry(null);
        return GetRegistryScanningConfigurationResponse.builder().registryId(registry.account)
                .scanningConfiguration(scanning(registry)).build();
    }

    private static RegistryScanningConfiguration scanning(Registry registry) {
        return RegistryScanningConfiguration.builder().scanType(registry.scanType).rules(registry.scanningRules)
                .build();
    }
}
