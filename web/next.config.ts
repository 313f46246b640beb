import type { NextConfig } from "next";

// Static export: the Python server serves web/out/ at "/" on the same origin as the API.
const nextConfig: NextConfig = {
  output: "export",
  trailingSlash: true,
  reactStrictMode: true,
  images: { unoptimized: true },
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
