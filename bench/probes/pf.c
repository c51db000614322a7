// Memory probe for docs/truenorth.md §1.3 (not part of the build).
// Random 64-byte reads from 64 MB with a software prefetch D items ahead and W multiply steps of
// work per item; hint 0 = T0, 1 = T2, 2 = NTA. gcc -O2 pf.c -o pf && ./pf <D> <W> [hint]
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <stdint.h>
#include <xmmintrin.h>
int main(int argc,char**argv){
  size_t mb=64; size_t n=mb*1024*1024/64; int D=atoi(argv[1]); int work=atoi(argv[2]); int hint=argc>3?atoi(argv[3]):0;
  uint64_t*buf=aligned_alloc(64,n*64); for(size_t i=0;i<n*8;i++)buf[i]=i;
  size_t m=2000000; uint32_t*idx=malloc(m*4); uint32_t s=1;
  for(size_t i=0;i<m;i++){s^=s<<13;s^=s>>17;s^=s<<5;idx[i]=s%n;}
  struct timespec a,b; uint64_t acc=0;
  clock_gettime(CLOCK_MONOTONIC,&a);
  for(size_t i=0;i<m;i++){
    if(D>0 && i+D<m){ if(hint==0)_mm_prefetch((char*)(buf+idx[i+D]*8),_MM_HINT_T0); else if(hint==1)_mm_prefetch((char*)(buf+idx[i+D]*8),_MM_HINT_T2); else _mm_prefetch((char*)(buf+idx[i+D]*8),_MM_HINT_NTA);}
    uint64_t v=buf[idx[i]*8];
    for(int k=0;k<work;k++){v=v*6364136223846793005ULL+1442695040888963407ULL;}
    acc+=v;
  }
  clock_gettime(CLOCK_MONOTONIC,&b);
  printf("D=%d work=%d hint=%d: %.1f ns per item (%lu)\n",D,work,hint,((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/m,acc&1);
}
