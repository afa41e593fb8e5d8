package io.gureum.iam;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.Comparator;
import software.amazon.awssdk.services.iam.model.*;

/**
 * IAM SAML 2.0 identity providers, which {@code AssumeRoleWithSAML} trusts: a name and the IdP's metadata
 * document, whose signing certificates verify assertions. ARN {@code arn:aws:iam::ACCOUNT:saml-provider/NAME}.
 * Assertion encryption and private keys are not emulated.
 */
final class SamlProviders extends Family {

    SamlProviders(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateSamlProviderResponse createSAMLProvider(CreateSamlProviderRequest r) {
        Tags.checkDuplicates(r.tags());
        SamlMetadata metadata = metadata(r.samlMetadataDocument());
        IamStore.Account account = account();
        synchronized (account) {
            String arn = Arn.of(partition(), "iam", "", account.id, "saml-provider/" + r.name()).toString();
            if (account.samlProviders.containsKey(arn)) {
                throw IamErrors.alreadyExists("SAMLProvider " + r.name() + " already exists.");
            }
            SamlProvider p = new SamlProvider(arn, r.name(), java.util.UUID.nameUUIDFromBytes(
                    (arn + context.ids().hex(16)).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(), now());
            p.metadataDocument = r.samlMetadataDocument();
            p.metadata = metadata;
            Tags.apply(p.tags, r.tags());
            account.samlProviders.put(arn, p);
            p.tags.attach(context.registry(), account.id, "", "iam", arn, Arn.parse(arn));
            return CreateSamlProviderResponse.builder().samlProviderArn(arn).tags(Tags.toSdk(p.tags)).build();
        }
    }

    public GetSamlProviderResponse getSAMLProvider(GetSamlProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            SamlProvider p = require(account, r.samlProviderArn());
            return GetSamlProviderResponse.builder().samlProviderUUID(p.uuid).samlMetadataDocument(p.metadataDocument)
                    .createDate(p.created).validUntil(p.metadata.validUntil()).tags(Tags.toSdk(p.tags)).build();
        }
    }

    public ListSamlProvidersResponse listSAMLProviders(ListSamlProvidersRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return ListSamlProvidersResponse.builder().samlProviderList(account.samlProviders.values().stream()
                    .sorted(Comparator.comparing(p -> p.arn)).map(p -> SAMLProviderListEntry.builder().arn(p.arn)
                            .createDate(p.created).validUntil(p.metadata.validUntil()).build())
                    .toList()).build();
        }
    }

    public UpdateSamlProviderResponse updateSAMLProvider(UpdateSamlProviderRequest r) {
        SamlMetadata metadata = r.samlMetadataDocument() == null ? null : metadata(r.samlMetadataDocument());
        IamStore.Account account = account();
        synchronized (account) {
            SamlProvider p = require(account, r.samlProviderArn());
            if (metadata != null) {
                p.metadataDocument = r.samlMetadataDocument();
                p.metadata = metadata;
            }
            return UpdateSamlProviderResponse.builder().samlProviderArn(p.arn).build();
        }
    }

    public DeleteSamlProviderResponse deleteSAMLProvider(DeleteSamlProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            SamlProvider p = require(account, r.samlProviderArn());
            account.samlProviders.remove(p.arn);
            p.tags.detach();
            return DeleteSamlProviderResponse.builder().build();
        }
    }

    public TagSamlProviderResponse tagSAMLProvider(TagSamlProviderRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.samlProviderArn()).tags, r.tags());
            return TagSamlProviderResponse.builder().build();
        }
    }

    public UntagSamlProviderResponse untagSAMLProvider(UntagSamlProviderRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.samlProviderArn()).tags, r.tagKeys());
            return UntagSamlProviderResponse.builder().build();
        }
    }

    public ListSamlProviderTagsResponse listSAMLProviderTags(ListSamlProviderTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.samlProviderArn()).tags, r.marker(), r.maxItems());
            return ListSamlProviderTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    private static SamlMetadata metadata(String document) {
        SamlMetadata m = SamlMetadata.parse(document);
        if (m == null) {
            throw IamErrors.invalidInput("Could not parse metadata");
        }
        return m;
    }

    static SamlProvider require(IamStore.Account account, String arn) {
        SamlProvider p = account.samlProviders.get(arn);
        if (p == null) {
            throw IamErrors.noSuchEntity("Manifest not found for arn " + arn);
        }
        return p;
    }
}
