/**
 * Who may reach a bucket or object besides its owner, as S3 decides it: the bucket policy, ACL grants
 * translated into policy statements, Object Ownership and Block Public Access, combined into one
 * effective resource policy for the authorizer.
 */
package io.gureum.s3.access;
