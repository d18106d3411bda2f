// libcurl for the memory floor program: Swift cannot call curl's variadic setopt.
#include <curl/curl.h>

static size_t libcurl_floor_discard(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}

// One GET of `url`, its body thrown away, given up after 10 s so that compare.py never waits longer.
static inline CURLcode libcurl_floor_prepare(CURL *handle, const char *url) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_URL, url);
    if (code == CURLE_OK) code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, libcurl_floor_discard);
    if (code == CURLE_OK) code = curl_easy_setopt(handle, CURLOPT_TIMEOUT, 10L);
    return code;
}
