/**
 * The request engine: building requests, retries, call deadlines, streaming, downloads and the
 * client's settings. Public only so the client and the areas can reach it across packages; not
 * exported from the module and not part of the API: anything here may change in any release.
 */
package io.github.javaopenai.internal.engine;
