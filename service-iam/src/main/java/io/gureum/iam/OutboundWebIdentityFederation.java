package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Outbound web identity federation's switch
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOutboundWebIdentityFederation.html): enabling it
 * gives the account an issuer URL, kept for the account from then on; enabling twice is {@code FeatureEnabled}
 * (409), disabling or reading while disabled {@code FeatureDisabled} (404). STS issues the tokens
 * ({@link WebIdentityTokens}) and serves the issuer's discovery endpoints ({@link OutboundSigningKeys}).
 */
final class OutboundWebIdentityFederation extends Family {
    OutboundWebIdentityFederation(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public EnableOutboundWebIdentityFederationResponse enableOutboundWebIdentityFederation(
            EnableOutboundWebIdentityFederationRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            if (account.outboundFederationEnabled) {
                throw ModeledErrors.of(FeatureEnabledException.class,
                        "Outbound identity federation is already enabled for your AWS account.");
            }
            if (account.outboundIssuer == null) {
                account.outboundIssuer = "https://" + java.util.UUID.nameUUIDFromBytes(context.ids().hex(32)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + ".tokens.sts.global.api.aws";
            }
            account.outboundFederationEnabled = true;
            return EnableOutboundWebIdentityFederationResponse.builder().issuerIdentifier(account.outboundIssuer)
                    .build();
        }
    }

    public DisableOutboundWebIdentityFederationResponse disableOutboundWebIdentityFederation(
            DisableOutboundWebIdentityFederationRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            requireEnabled(account);
            account.outboundFederationEnabled = false;
            return DisableOutboundWebIdentityFederationResponse.builder().build();
        }
    }

    public GetOutboundWebIdentityFederationInfoResponse getOutboundWebIdentityFederationInfo(
            GetOutboundWebIdentityFederationInfoRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            requireEnabled(account);
            return GetOutboundWebIdentityFederationInfoResponse.builder().issuerIdentifier(account.outboundIssuer)
                    .jwtVendingEnabled(true).build();
        }
    }

    private static void requireEnabled(IamStore.Account account) {
        if (!account.outboundFederationEnabled) {
            throw ModeledErrors.of(FeatureDisabledException.class,
                    "Outbound identity federation is disabled for your AWS account.");
        }
    }
}
