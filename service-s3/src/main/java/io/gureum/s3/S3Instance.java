package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.s3.access.S3ResourceAccess;
import java.util.List;

/**
 * One running S3: the providers over one {@link S3Backend}, and the HTTP behaviour that is no
 * operation (CORS preflight and response headers).
 */
final class S3Instance implements ServiceInstance {
    private final S3Backend s3;
    private final InlineReads inlineReads;
    private final CorsRequests cors;
    private final WebsiteRequests website;
    private final BrowserUploads uploads;
    private final SelectRequests select;
    private final SignatureV2 signatureV2;
    private final DirectoryBuckets directories;
    private final AccessLogs accessLogs;
    private final List<Object> providers;
    private final StorageMetrics storageMetrics;
    private final S3ResourceAccess resourceAccess;
    private final List<io.gureum.core.spi.OperationInterceptor> interceptors;
    private final S3Restore.Live live;
    private final ObjectLambdaRequests objectLambda;

    S3Instance(ServiceContext context) {
        this.s3 = new S3Backend(context);
        this.inlineReads = new InlineReads(s3);
        this.interceptors = List.of(new S3RecordsInterceptor(s3.store, s3.records, s3.buckets));
        s3.records.journalSmallBlobs(s3.store.blobs);
        this.live = context.shared().get(S3Restore.Live.class, S3Restore.Live::new);
        if (context.state().enabled() && live.sweepAtCreate(context.state().hadRecords(S3Records.SERVICE))) {
            S3Restore.sweep(s3.store, java.util.Set.of()); // no record names any file left behind
        }
        this.storageMetrics = new StorageMetrics(context, s3.store);
        this.cors = new CorsRequests(s3);
        this.resourceAccess = new S3ResourceAccess(s3.store,
                owner -> io.gureum.s3.control.ControlState.current(context).block(owner),
                name -> s3.buckets.resolve(name), new S3ResourceAccess.Points() {
                    @Override
                    public io.gureum.s3.control.ControlState.AccessPoint byName(String name) {
                        io.gureum.core.protocol.RequestContext request = io.gureum.core.protocol.RequestContext
                                .currentOrNull();
                        return io.gureum.s3.control.ControlState.current(context).pointFor(name,
                                request == null ? null : request.region());
                    }

                    @Override
                    public io.gureum.s3.control.ControlState.AccessPoint byArn(String arn) {
                        return io.gureum.s3.control.ControlState.current(context).byArn(arn);
                    }

                    @Override
                    public io.gureum.s3.control.ControlState.Block accountBlock(String account) {
                        return io.gureum.s3.control.ControlState.current(context).block(account);
                    }

                    @Override
                    public io.gureum.s3.control.ControlState.ObjectLambdaPoint objectLambdaByArn(String arn) {
                        return io.gureum.s3.control.ControlState.current(context).objectLambdaByArn(arn);
                    }
                });
        PreOperationAuth auth = new PreOperationAuth(context, resourceAccess);
        this.website = new WebsiteRequests(s3, auth);
        this.uploads = new BrowserUploads(s3, auth);
        BucketAccess access = new BucketAccess(s3);
        this.directories = new DirectoryBuckets(context);
        this.accessLogs = new AccessLogs(s3);
        this.select = new SelectRequests(s3, access, auth);
        this.signatureV2 = new SignatureV2(context);
        this.objectLambda = new ObjectLambdaRequests(context, resourceAccess);
        this.providers = List.of(new BucketOperations(s3, access), new ObjectReads(s3, access),
                new ObjectWrites(s3, access), new ListingOperations(access), new MultipartOperations(s3, access),
                new VersioningConfig(access), new TaggingConfig(s3, access), new PolicyConfig(access),
                new CorsConfig(access), new AclConfig(s3, access), new OwnershipConfig(access),
                new EncryptionConfig(access), new LifecycleConfig(access), new NotificationConfig(s3, access),
                new ObjectLockConfig(s3, access), new StoredConfigs(access),
                new ReportingConfigs(access), new DirectoryOperations(s3, access, directories),
                new ObjectAnnotations(s3, access), new ObjectEncryptionUpdate(s3, access), new ObjectLambdaWrites(objectLambda));
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<io.gureum.core.spi.OperationInterceptor> interceptors() {
        return interceptors;
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> records) {
        S3Restore.restore(records, s3.store, s3.records);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        s3.records.capture(s3.store.buckets, sink);
    }

    /** The records with the bytes of every object version and upload part they name. */
    @Override
    public void export(io.gureum.core.persist.StateSink sink) throws java.io.IOException {
        s3.records.export(s3.store, sink);
    }

    @Override
    public boolean importFile(String name, long size, java.io.InputStream bytes) throws java.io.IOException {
        return s3.store.blobs.importFile(name, size, bytes);
    }

    /**
     * SigV2 signatures (with {@code --verify-signatures}; core checks SigV4), then what S3 answers that is no
     * operation: CORS preflights ({@code OPTIONS}, from the bucket's rules) and
     * requests to a bucket's website endpoint, requests through an Object Lambda access point that its function
     * answers, SelectObjectContent (event stream) and browser form uploads
     * ({@code POST /bucket}).
     */
    @Override
    public AwsHttpResponse preOperation(AwsHttpRequest request) {
        signatureV2.check(request);
        AwsHttpResponse transformed = objectLambda.serve(request);
        if (transformed != null) {
            return transformed;
        }
        AwsHttpResponse preflight = cors.preflight(request);
        if (preflight != null) {
            return preflight;
        }
        AwsHttpResponse site = website.serve(request);
        if (site != null) {
            return site;
        }
        AwsHttpResponse selected = select.serve(request);
        return selected != null ? selected : uploads.serve(request);
    }

    /**
     * {@code GET /} (ListBuckets) reads the bucket list in memory and may be answered on the event loop, and so
     * may GetObject and HeadObject of a version held in memory ({@link InlineReads}); every other operation stays
     * on the handler pool, most of them touching object files.
     */
    @Override
    public boolean answersInline(AwsHttpRequest request, String operation) {
        if (WebsiteRequests.websiteBucket(request.header("Host")) != null) {
            return false;
        }
        return switch (operation) {
            case "ListBuckets" -> true;
            case "GetObject", "HeadObject" -> inlineReads.inMemory(request);
            default -> false;
        };
    }

    @Override
    public void decorateResponse(AwsHttpRequest request, AwsHttpResponse response) {
        cors.decorate(request, response);
        ErrorDetails.write(request, response);
        accessLogs.record(request, response);
    }

    /** A bucket's or object's owner and effective policy (bucket policy, ACLs, Block Public Access). */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void close() {
        storageMetrics.close();
        objectLambda.close();
        select.close();
        directories.close();
        accessLogs.close();
        s3.close();
        live.closed();
    }
}
