package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VerifiedAccessTrustProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessNativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderOidcOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessTrustProvidersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessTrustProvidersResponse;
import software.amazon.awssdk.services.ec2.model.DeviceOptions;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.NativeApplicationOidcOptions;
import software.amazon.awssdk.services.ec2.model.OidcOptions;

/**
 * Verified Access trust providers (https://docs.aws.amazon.com/verified-access/latest/ug/trust-providers.html):
 * user-identity providers ({@code iam-identity-center}, or {@code oidc} with its issuer, endpoints, client and
 * scope) and device-identity providers ({@code jamf}, {@code crowdstrike}, {@code jumpcloud}). The options of
 * one type are refused with the other ({@code InvalidParameterCombination}); each option AWS names as required
 * for the type is {@code MissingParameter} when absent. Nothing is ever called at the provider's endpoints.
 */
public final class VerifiedAccessTrustProviders {
    private static final List<String> TYPES = List.of("user", "device");
    private static final List<String> USER_TYPES = List.of("iam-identity-center", "oidc");
    private static final List<String> DEVICE_TYPES = List.of("jamf", "crowdstrike", "jumpcloud");
    /** A policy reference name is the identifier Cedar policies use for the provider's context. */
    private static final Pattern REFERENCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private final Network net;
    private final Filters<VerifiedAccessTrustProvider> filters;

    VerifiedAccessTrustProviders(Network net) {
        this.net = net;
        this.filters = new Filters<VerifiedAccessTrustProvider>()
                .on("verified-access-trust-provider-id", p -> p.id)
                .on("trust-provider-type", p -> p.trustProviderType);
    }

    VerifiedAccessTrustProvider require(VpcStore s, String id) {
        VerifiedAccess.require(id, "VerifiedAccessTrustProviderId");
        VerifiedAccessTrustProvider p = s.vaTrustProviders.get(id);
        if (p == null) {
            throw VerifiedAccess.trustProviderNotFound(id);
        }
        return p;
    }

    private static void oneOf(String value, List<String> allowed, String parameter) {
        if (value != null && !allowed.contains(value)) {
            throw Ec2Errors.invalidValue(value, parameter, "Valid values: " + String.join(" | ", allowed));
        }
    }

    /** An endpoint AWS calls: an https URL. */
    private static void url(String value, String parameter) {
        if (value != null && !value.matches("https://[^\\s/]+(/\\S*)?")) {
            throw Ec2Errors.invalidValue(value, parameter, "It must be an https URL.");
        }
    }

    public CreateVerifiedAccessTrustProviderResponse createVerifiedAccessTrustProvider(
            CreateVerifiedAccessTrustProviderRequest r) {
        VpcStore s = net.store();
        String type = r.trustProviderTypeAsString();
        VerifiedAccess.require(type, "TrustProviderType");
        VerifiedAccess.require(r.policyReferenceName(), "PolicyReferenceName");
        oneOf(type, TYPES, "TrustProviderType");
        oneOf(r.userTrustProviderTypeAsString(), USER_TYPES, "UserTrustProviderType");
        oneOf(r.deviceTrustProviderTypeAsString(), DEVICE_TYPES, "DeviceTrustProviderType");
        if (!REFERENCE_NAME.matcher(r.policyReferenceName()).matches()) {
            throw Ec2Errors.invalidValue(r.policyReferenceName(), "PolicyReferenceName",
                    "It must start with a letter or an underscore and contain only letters, digits and underscores.");
        }
        if (type.equals("user")) {
            checkUser(r);
        } else {
            checkDevice(r);
        }
        Tags.validate(r.tagSpecifications(), "verified-access-trust-provider");
        var sse = VerifiedAccess.sse(r.sseSpecification(), null);
        String fingerprint = VerifiedAccess.fingerprint(r);
        VerifiedAccessTrustProvider earlier = VerifiedAccess.earlier(s.vaTrustProviders, r.clientToken(), fingerprint,
                p -> p.clientToken, p -> p.requestFingerprint);
        Ec2Errors.checkDryRun(r.dryRun());
        if (earlier != null) {
            return CreateVerifiedAccessTrustProviderResponse.builder().verifiedAccessTrustProvider(toSdk(s, earlier))
                    .build();
        }
        VerifiedAccessTrustProvider p = new VerifiedAccessTrustProvider(net.id("vatp"), s.account, net.now());
        p.trustProviderType = type;
        p.userTrustProviderType = r.userTrustProviderTypeAsString();
        p.deviceTrustProviderType = r.deviceTrustProviderTypeAsString();
        if (r.oidcOptions() != null) {
            CreateVerifiedAccessTrustProviderOidcOptions o = r.oidcOptions();
            p.oidcOptions = OidcOptions.builder().issuer(o.issuer()).authorizationEndpoint(o.authorizationEndpoint())
                    .tokenEndpoint(o.tokenEndpoint()).userInfoEndpoint(o.userInfoEndpoint()).clientId(o.clientId())
                    .scope(o.scope()).build();
            p.clientSecret = o.clientSecret();
        }
        if (r.nativeApplicationOidcOptions() != null) {
            CreateVerifiedAccessNativeApplicationOidcOptions o = r.nativeApplicationOidcOptions();
            p.nativeApplicationOidcOptions = NativeApplicationOidcOptions.builder()
                    .publicSigningKeyEndpoint(o.publicSigningKeyEndpoint()).issuer(o.issuer())
                    .authorizationEndpoint(o.authorizationEndpoint()).tokenEndpoint(o.tokenEndpoint())
                    .userInfoEndpoint(o.userInfoEndpoint()).clientId(o.clientId()).scope(o.scope()).build();
            p.nativeClientSecret = o.clientSecret();
        }
        if (r.deviceOptions() != null) {
            p.deviceOptions = DeviceOptions.builder().tenantId(r.deviceOptions().tenantId())
                    .publicSigningKeyUrl(r.deviceOptions().publicSigningKeyUrl()).build();
        }
        p.policyReferenceName = r.policyReferenceName();
        p.description = r.description();
        p.sse = sse;
        p.lastUpdated = p.created;
        p.clientToken = r.clientToken();
        p.requestFingerprint = fingerprint;
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.vaTrustProviders, p);
        return CreateVerifiedAccessTrustProviderResponse.builder().verifiedAccessTrustProvider(toSdk(s, p)).build();
    }

    private static void checkUser(CreateVerifiedAccessTrustProviderRequest r) {
        VerifiedAccess.require(r.userTrustProviderTypeAsString(), "UserTrustProviderType");
        if (r.deviceTrustProviderTypeAsString() != null || r.deviceOptions() != null) {
            throw Ec2Errors.combination("DeviceTrustProviderType and DeviceOptions apply only to trust providers of type"
                    + " device.");
        }
        if (r.userTrustProviderTypeAsString().equals("oidc")) {
            VerifiedAccess.require(r.oidcOptions(), "OidcOptions");
            var o = r.oidcOptions();
            VerifiedAccess.require(o.issuer(), "OidcOptions.Issuer");
            VerifiedAccess.require(o.authorizationEndpoint(), "OidcOptions.AuthorizationEndpoint");
            VerifiedAccess.require(o.tokenEndpoint(), "OidcOptions.TokenEndpoint");
            VerifiedAccess.require(o.userInfoEndpoint(), "OidcOptions.UserInfoEndpoint");
            VerifiedAccess.require(o.clientId(), "OidcOptions.ClientId");
            VerifiedAccess.require(o.clientSecret(), "OidcOptions.ClientSecret");
            VerifiedAccess.require(o.scope(), "OidcOptions.Scope");
            url(o.issuer(), "OidcOptions.Issuer");
            url(o.authorizationEndpoint(), "OidcOptions.AuthorizationEndpoint");
            url(o.tokenEndpoint(), "OidcOptions.TokenEndpoint");
            url(o.userInfoEndpoint(), "OidcOptions.UserInfoEndpoint");
        } else if (r.oidcOptions() != null) {
            throw Ec2Errors.combination("OidcOptions apply only to user trust providers of type oidc.");
        }
        var n = r.nativeApplicationOidcOptions();
        if (n != null) {
            url(n.issuer(), "NativeApplicationOidcOptions.Issuer");
            url(n.authorizationEndpoint(), "NativeApplicationOidcOptions.AuthorizationEndpoint");
            url(n.tokenEndpoint(), "NativeApplicationOidcOptions.TokenEndpoint");
            url(n.userInfoEndpoint(), "NativeApplicationOidcOptions.UserInfoEndpoint");
            url(n.publicSigningKeyEndpoint(), "NativeApplicationOidcOptions.PublicSigningKeyEndpoint");
        }
    }

    private static void checkDevice(CreateVerifiedAccessTrustProviderRequest r) {
        VerifiedAccess.require(r.deviceTrustProviderTypeAsString(), "DeviceTrustProviderType");
        if (r.userTrustProviderTypeAsString() != null || r.oidcOptions() != null
                || r.nativeApplicationOidcOptions() != null) {
            throw Ec2Errors.combination("UserTrustProviderType, OidcOptions and NativeApplicationOidcOptions apply only"
                    + " to trust providers of type user.");
        }
        // Jamf and JumpCloud identify the customer's tenant; CrowdStrike needs no option.
        if (!r.deviceTrustProviderTypeAsString().equals("crowdstrike")) {
            VerifiedAccess.require(r.deviceOptions(), "DeviceOptions");
            VerifiedAccess.require(r.deviceOptions().tenantId(), "DeviceOptions.TenantId");
        }
        if (r.deviceOptions() != null) {
            url(r.deviceOptions().publicSigningKeyUrl(), "DeviceOptions.PublicSigningKeyUrl");
        }
    }

    public DescribeVerifiedAccessTrustProvidersResponse describeVerifiedAccessTrustProviders(
            DescribeVerifiedAccessTrustProvidersRequest r) {
        VpcStore s = net.store();
        List<VerifiedAccessTrustProvider> found = new ArrayList<>();
        if (r.hasVerifiedAccessTrustProviderIds() && !r.verifiedAccessTrustProviderIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.verifiedAccessTrustProviderIds())) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.vaTrustProviders.values());
        }
        var matching = found.stream().filter(filters.predicate(r.filters())).toList();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 200);
        return DescribeVerifiedAccessTrustProvidersResponse.builder()
                .verifiedAccessTrustProviders(page.items().stream().map(p -> toSdk(s, p)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyVerifiedAccessTrustProviderResponse modifyVerifiedAccessTrustProvider(
            ModifyVerifiedAccessTrustProviderRequest r) {
        VpcStore s = net.store();
        VerifiedAccessTrustProvider p = require(s, r.verifiedAccessTrustProviderId());
        var o = r.oidcOptions();
        if (o != null && !"oidc".equals(p.userTrustProviderType)) {
            throw Ec2Errors.combination("OidcOptions apply only to user trust providers of type oidc.");
        }
        if (r.deviceOptions() != null && !p.trustProviderType.equals("device")) {
            throw Ec2Errors.combination("DeviceOptions apply only to trust providers of type device.");
        }
        var n = r.nativeApplicationOidcOptions();
        if (n != null && !p.trustProviderType.equals("user")) {
            throw Ec2Errors.combination("NativeApplicationOidcOptions apply only to trust providers of type user.");
        }
        if (o != null) {
            url(o.issuer(), "OidcOptions.Issuer");
            url(o.authorizationEndpoint(), "OidcOptions.AuthorizationEndpoint");
            url(o.tokenEndpoint(), "OidcOptions.TokenEndpoint");
            url(o.userInfoEndpoint(), "OidcOptions.UserInfoEndpoint");
        }
        if (r.deviceOptions() != null) {
            url(r.deviceOptions().publicSigningKeyUrl(), "DeviceOptions.PublicSigningKeyUrl");
        }
        var sse = VerifiedAccess.sse(r.sseSpecification(), p.sse);
        Ec2Errors.checkDryRun(r.dryRun());
        if (o != null) {
            OidcOptions was = p.oidcOptions;
            p.oidcOptions = OidcOptions.builder().issuer(or(o.issuer(), was.issuer()))
                    .authorizationEndpoint(or(o.authorizationEndpoint(), was.authorizationEndpoint()))
                    .tokenEndpoint(or(o.tokenEndpoint(), was.tokenEndpoint()))
                    .userInfoEndpoint(or(o.userInfoEndpoint(), was.userInfoEndpoint()))
                    .clientId(or(o.clientId(), was.clientId())).scope(or(o.scope(), was.scope())).build();
            p.clientSecret = or(o.clientSecret(), p.clientSecret);
        }
        if (n != null) {
            NativeApplicationOidcOptions was = p.nativeApplicationOidcOptions != null ? p.nativeApplicationOidcOptions
                    : NativeApplicationOidcOptions.builder().build();
            p.nativeApplicationOidcOptions = NativeApplicationOidcOptions.builder()
                    .publicSigningKeyEndpoint(or(n.publicSigningKeyEndpoint(), was.publicSigningKeyEndpoint()))
                    .issuer(or(n.issuer(), was.issuer()))
                    .authorizationEndpoint(or(n.authorizationEndpoint(), was.authorizationEndpoint()))
                    .tokenEndpoint(or(n.tokenEndpoint(), was.tokenEndpoint()))
                    .userInfoEndpoint(or(n.userInfoEndpoint(), was.userInfoEndpoint()))
                    .clientId(or(n.clientId(), was.clientId())).scope(or(n.scope(), was.scope())).build();
            p.nativeClientSecret = or(n.clientSecret(), p.nativeClientSecret);
        }
        if (r.deviceOptions() != null && r.deviceOptions().publicSigningKeyUrl() != null) {
            DeviceOptions was = p.deviceOptions != null ? p.deviceOptions : DeviceOptions.builder().build();
            p.deviceOptions = was.toBuilder().publicSigningKeyUrl(r.deviceOptions().publicSigningKeyUrl()).build();
        }
        if (r.description() != null) {
            p.description = r.description();
        }
        p.sse = sse;
        p.lastUpdated = net.now();
        return ModifyVerifiedAccessTrustProviderResponse.builder().verifiedAccessTrustProvider(toSdk(s, p)).build();
    }

    private static String or(String given, String was) {
        return given != null ? given : was;
    }

    public DeleteVerifiedAccessTrustProviderResponse deleteVerifiedAccessTrustProvider(
            DeleteVerifiedAccessTrustProviderRequest r) {
        VpcStore s = net.store();
        VerifiedAccessTrustProvider p = require(s, r.verifiedAccessTrustProviderId());
        if (net.vaInstances.holds(s, p.id)) {
            throw Ec2Errors.dependencyViolation("verifiedAccessTrustProvider", p.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var answer = toSdk(s, p);
        s.remove(s.vaTrustProviders, p.id);
        return DeleteVerifiedAccessTrustProviderResponse.builder().verifiedAccessTrustProvider(answer).build();
    }

    /** As described: the OIDC client secrets are never returned. */
    software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider toSdk(VpcStore s,
            VerifiedAccessTrustProvider p) {
        return software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider.builder()
                .verifiedAccessTrustProviderId(p.id).description(p.description)
                .trustProviderType(p.trustProviderType).userTrustProviderType(p.userTrustProviderType)
                .deviceTrustProviderType(p.deviceTrustProviderType).oidcOptions(p.oidcOptions)
                .deviceOptions(p.deviceOptions).policyReferenceName(p.policyReferenceName)
                .creationTime(VerifiedAccess.time(p.created)).lastUpdatedTime(VerifiedAccess.time(p.lastUpdated))
                .tags(Tags.toSdk(s.tagsOf(p))).sseSpecification(p.sse)
                .nativeApplicationOidcOptions(p.nativeApplicationOidcOptions).build();
    }
}
