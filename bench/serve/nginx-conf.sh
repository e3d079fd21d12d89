# Sourced by bench/serve/run.sh and cpu.sh: the nginx that serves the same bytes as Pallet (the reference).
# nginx_conf WORK PORT BLOBS CONNECTIONS [EXTRA]: prints a config serving WORK/static on 127.0.0.1:PORT with
# precompressed .gz files and .nupkg downloads from the Pallet data folder's BLOBS by sendfile; EXTRA (more
# upstream/server blocks) goes inside the http block after that server.
nginx_conf() {
  local work=$1 port=$2 blobs=$3 connections=$4 extra=${5:-}
  cat <<NGINX
$( [[ $(id -u) == 0 ]] && echo "user root;" )
worker_processes auto;
daemon off;
error_log $work/nginx/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections $connections; }
http {
  types { application/json json; application/octet-stream nupkg; }
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body; proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi; uwsgi_temp_path $work/nginx/tmp/uwsgi; scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $work/static;
    gzip_static on;
    location ~ ^/v3/flat/([^/]+)/([^/]+)/([^/]+\\.nupkg)\$ { alias $blobs/packages/\$1/\$2/\$3; }
  }
${extra}}
NGINX
}
