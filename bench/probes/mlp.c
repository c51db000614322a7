// Memory probe for docs/truenorth.md §1.3 (not part of the build).
// K independent pointer chases over an M MB buffer: how many misses the machine keeps in flight.
// gcc -O2 mlp.c -o mlp && ./mlp <MB>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <stdint.h>
#define MAXK 64
int main(int argc,char**argv){
  size_t mb=atoi(argv[1]);
  size_t n=mb*1024*1024/64;
  char*buf=aligned_alloc(1<<21, n*64);
  size_t*perm=malloc(n*sizeof(size_t));
  for(size_t i=0;i<n;i++)perm[i]=i;
  srand(1);
  for(size_t i=n-1;i>0;i--){size_t k=((size_t)rand()*RAND_MAX+rand())%(i+1);size_t t=perm[i];perm[i]=perm[k];perm[k]=t;}
  for(size_t i=0;i<n;i++) *(char**)(buf+perm[i]*64)=buf+perm[(i+1)%n]*64;
  for(int K=1;K<=32;K*=2){
    char*p[MAXK]; for(int k=0;k<K;k++)p[k]=buf+perm[(n/K)*k]*64;
    struct timespec a,b; size_t steps=2000000/K;
    clock_gettime(CLOCK_MONOTONIC,&a);
    for(size_t i=0;i<steps;i++) for(int k=0;k<K;k++) p[k]=*(char**)p[k];
    clock_gettime(CLOCK_MONOTONIC,&b);
    double ns=((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec));
    uintptr_t x=0; for(int k=0;k<K;k++)x^=(uintptr_t)p[k];
    printf("%zu MB K=%d: %.1f ns per load, %.1f ns per round (%lx)\n",mb,K,ns/(steps*K),ns/steps,(unsigned long)(x&1));
  }
}
