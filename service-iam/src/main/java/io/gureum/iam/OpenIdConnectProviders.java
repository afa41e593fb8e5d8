package io.gureum.iam;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.Comparator;
import java.util.Locale;
import software.amazon.awssdk.services.iam.model.*;

/**
 * IAM OpenID Connect identity providers, which {@code AssumeRoleWithWebIdentity} trusts
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html). The ARN is
 * {@code arn:aws:iam::ACCOUNT:oidc-provider/<url without https://>}. Thumbprints are stored and answered but not
 * used to verify tokens: AWS verifies tokens against the issuer's keys (JWKS) and its trusted root CAs.
 */
final class OpenIdConnectProviders extends Family {
    private static final int MAX_CLIENT_IDS = 100;

    OpenIdConnectProviders(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateOpenIdConnectProviderResponse createOpenIDConnectProvider(CreateOpenIdConnectProviderRequest r) {
        Tags.checkDuplicates(r.tags());
        String url = withoutScheme(r.url());
        IamStore.Account account = account();
        synchronized (account) {
            String arn = Arn.of(partition(), "iam", "", account.id, "oidc-provider/" + url).toString();
            if (account.oidcProviders.containsKey(arn)) {
                throw IamErrors.alreadyExists("Provider with url " + r.url() + " already exists.");
            }
            OidcProvider p = new OidcProvider(arn, url, now());
            r.clientIDList().stream().distinct().forEach(p.clientIds::add);
            p.thumbprints.addAll(r.thumbprintList());
            Tags.apply(p.tags, r.tags());
            account.oidcProviders.put(arn, p);
            p.tags.attach(context.registry(), account.id, "", "iam", arn, Arn.parse(arn));
            return CreateOpenIdConnectProviderResponse.builder().openIDConnectProviderArn(arn)
                    .tags(Tags.toSdk(p.tags)).build();
        }
    }

    public GetOpenIdConnectProviderResponse getOpenIDConnectProvider(GetOpenIdConnectProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            OidcProvider p = require(account, r.openIDConnectProviderArn());
            return GetOpenIdConnectProviderResponse.builder().url(p.url).clientIDList(p.clientIds)
                    .thumbprintList(p.thumbprints).createDate(p.created).tags(Tags.toSdk(p.tags)).build();
        }
    }

    public ListOpenIdConnectProvidersResponse listOpenIDConnectProviders(ListOpenIdConnectProvidersRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return ListOpenIdConnectProvidersResponse.builder().openIDConnectProviderList(account.oidcProviders
                    .values().stream().sorted(Comparator.comparing(p -> p.arn))
                    .map(p -> OpenIDConnectProviderListEntry.builder().arn(p.arn).build()).toList()).build();
        }
    }

    public DeleteOpenIdConnectProviderResponse deleteOpenIDConnectProvider(DeleteOpenIdConnectProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            OidcProvider p = require(account, r.openIDConnectProviderArn());
            account.oidcProviders.remove(p.arn);
            p.tags.detach();
            return DeleteOpenIdConnectProviderResponse.builder().build();
        }
    }

    public UpdateOpenIdConnectProviderThumbprintResponse updateOpenIDConnectProviderThumbprint(
            UpdateOpenIdConnectProviderThumbprintRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            OidcProvider p = require(account, r.openIDConnectProviderArn());
            p.thumbprints.clear();
            p.thumbprints.addAll(r.thumbprintList());
            return UpdateOpenIdConnectProviderThumbprintResponse.builder().build();
        }
    }

    /** Adding a client ID the provider already has is a no-op, as the API reference says. */
    public AddClientIdToOpenIdConnectProviderResponse addClientIDToOpenIDConnectProvider(
            AddClientIdToOpenIdConnectProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            OidcProvider p = require(account, r.openIDConnectProviderArn());
            if (!p.clientIds.contains(r.clientID())) {
                if (p.clientIds.size() >= MAX_CLIENT_IDS) {
                    throw IamErrors.quota("ClientIdsPerOpenIdConnectProvider", MAX_CLIENT_IDS);
                }
                p.clientIds.add(r.clientID());
            }
            return AddClientIdToOpenIdConnectProviderResponse.builder().build();
        }
    }

    /** Removing a client ID the provider does not have is a no-op, as the API reference says. */
    public RemoveClientIdFromOpenIdConnectProviderResponse removeClientIDFromOpenIDConnectProvider(
            RemoveClientIdFromOpenIdConnectProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(account, r.openIDConnectProviderArn()).clientIds.remove(r.clientID());
            return RemoveClientIdFromOpenIdConnectProviderResponse.builder().build();
        }
    }

    public TagOpenIdConnectProviderResponse tagOpenIDConnectProvider(TagOpenIdConnectProviderRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.openIDConnectProviderArn()).tags, r.tags());
            return TagOpenIdConnectProviderResponse.builder().build();
        }
    }

    public UntagOpenIdConnectProviderResponse untagOpenIDConnectProvider(UntagOpenIdConnectProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.openIDConnectProviderArn()).tags, r.tagKeys());
            return UntagOpenIdConnectProviderResponse.builder().build();
        }
    }

    public ListOpenIdConnectProviderTagsResponse listOpenIDConnectProviderTags(ListOpenIdConnectProviderTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.openIDConnectProviderArn()).tags, r.marker(),
                    r.maxItems());
            return ListOpenIdConnectProviderTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    /** The provider an ARN names, or IAM's NoSuchEntity. */
    private static OidcProvider require(IamStore.Account account, String arn) {
        OidcProvider p = account.oidcProviders.get(arn);
        if (p == null) {
            throw IamErrors.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
        }
        return p;
    }

    /** IAM keys providers by the URL without {@code https://}; a URL that is not https is refused. */
    static String withoutScheme(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw IamErrors.invalidInput("Invalid url, must begin with https://");
        }
        String rest = url.substring("https://".length());
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    /** The provider of an issuer in an account, or null: for AssumeRoleWithWebIdentity. */
    static OidcProvider byIssuer(IamStore.Account account, String issuer) {
        String url = issuer.toLowerCase(Locale.ROOT).startsWith("https://") ? issuer.substring(8) : issuer;
        String key = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return account.oidcProviders.values().stream().filter(p -> p.url.equals(key)).findFirst().orElse(null);
    }

}
