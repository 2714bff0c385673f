/**
 * Internal plumbing (JSON, validation). Not exported from the module and not part of the API:
 * anything here may change in any release.
 */
package io.github.javaopenai.internal;
